using System.Security.Cryptography;
using HealthCore.Platform.Auditing;
using HealthCore.Platform.Database;

namespace HealthCore.Modules.Identity;

internal sealed class User : ITenantOwned, IVersioned
{
    public const string UsernamePattern = "^[A-Za-z0-9][A-Za-z0-9._@-]{1,99}$";
    public const string UsernameRule = "The username must be 2 to 100 letters, digits, '.', '_', '@' or '-', starting with a letter or digit.";

    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid TenantId { get; set; }

    public int Version { get; set; }

    public string Username { get; private set; } = "";

    // Usernames are unique per tenant regardless of case; the unique index is on this copy.
    public string NormalizedUsername { get; private set; } = "";

    public required string DisplayName { get; set; }

    [AuditIgnore]
    public string PasswordHash { get; set; } = "";

    public string[] Roles { get; set; } = [];

    public Guid[] FacilityIds { get; set; } = [];

    public bool Active { get; set; } = true;

    public int FailedLoginCount { get; set; }

    public DateTimeOffset? LockoutEnd { get; set; }

    // Changes whenever access must end for tokens already issued (password change, deactivation, role change).
    [AuditIgnore]
    public string SecurityStamp { get; private set; } = NewStamp();

    public DateTimeOffset CreatedAt { get; init; }

    public static string Normalize(string username) => username.Trim().ToUpperInvariant();

    public void SetUsername(string username)
    {
        Username = username.Trim();
        NormalizedUsername = Normalize(username);
    }

    public void RenewSecurityStamp() => SecurityStamp = NewStamp();

    public bool IsLockedOut(DateTimeOffset now) => LockoutEnd is { } end && end > now;

    private static string NewStamp() => Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
}
