using System.Text.RegularExpressions;
using HealthCore.Modules.Notifications.Contracts;
using HealthCore.Platform.Database;

namespace HealthCore.Modules.Notifications;

/// <summary>A tenant's template under a key, with a subject (where the channel has one) and a body per channel.</summary>
internal sealed partial class NotificationTemplate : ITenantOwned, IVersioned
{
    public const string KeyPattern = "^[A-Za-z0-9][A-Za-z0-9._-]*$";
    public const string KeyRule = "A template key is 1 to 100 letters, digits, '.', '_' or '-', starting with a letter or digit.";
    public const int MaxKeyLength = 100;
    public const int MaxDescriptionLength = 500;
    public const int MaxSubjectLength = 500;
    public const int MaxBodyLength = 20_000;

    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid TenantId { get; set; }

    public int Version { get; set; }

    public required string Key { get; init; }

    public string? Description { get; set; }

    public string? EmailSubject { get; set; }

    public string? EmailBody { get; set; }

    public string? SmsBody { get; set; }

    public string? PushSubject { get; set; }

    public string? PushBody { get; set; }

    public string? InAppSubject { get; set; }

    public string? InAppBody { get; set; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>The subject and body for the channel, or null when the template has nothing for it.</summary>
    public (string? Subject, string Body)? ContentFor(NotificationChannel channel) => channel switch
    {
        NotificationChannel.Email when EmailBody is not null => (EmailSubject, EmailBody),
        NotificationChannel.Sms when SmsBody is not null => (null, SmsBody),
        NotificationChannel.Push when PushBody is not null => (PushSubject, PushBody),
        NotificationChannel.InApp when InAppBody is not null => (InAppSubject, InAppBody),
        _ => null,
    };

    public static bool IsValidKey(string? key) => key is { Length: > 0 and <= MaxKeyLength } && KeyFormat().IsMatch(key);

    [GeneratedRegex(KeyPattern, RegexOptions.CultureInvariant)]
    private static partial Regex KeyFormat();
}
