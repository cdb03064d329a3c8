using HealthCore.Platform.Database;

namespace HealthCore.Modules.Identity;

/// <summary>One site of a tenant. Its code never changes (other systems refer to it); the rest may be edited.</summary>
internal sealed class Facility : ITenantOwned, IVersioned
{
    public const string CodePattern = "^[A-Za-z0-9][A-Za-z0-9._-]{0,49}$";
    public const string CodeRule = "The code must be 1 to 50 letters, digits, '.', '_' or '-', starting with a letter or digit.";
    public const string PhonePattern = @"^\+?[0-9 ()./-]*[0-9][0-9 ()./-]*$";
    public const string PhoneRule = "The phone number may contain digits, spaces, '(', ')', '.', '/', '-' and a leading '+'.";

    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid TenantId { get; set; }

    public int Version { get; set; }

    public required string Code { get; init; }

    public required string Name { get; set; }

    public string? Address { get; set; }

    public string? Phone { get; set; }

    /// <summary>IANA id; wall-clock schedules at this site are in this zone.</summary>
    public string TimeZone { get; set; } = TenantSettingsRules.DefaultTimeZone;

    public bool Active { get; set; } = true;

    public DateTimeOffset CreatedAt { get; init; }

    // Codes compare without regard to case, like tenant codes and usernames; stored lower-case under a unique index.
    public static string NormalizeCode(string code) => code.Trim().ToLowerInvariant();

    /// <summary>Optional text as stored: trimmed, and null when empty (an empty string in an update clears the field).</summary>
    public static string? Optional(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
