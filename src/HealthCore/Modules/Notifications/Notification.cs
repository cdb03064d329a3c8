using HealthCore.Modules.Notifications.Contracts;
using HealthCore.Platform.Database;

namespace HealthCore.Modules.Notifications;

internal enum NotificationStatus
{
    /// <summary>Waiting for its first attempt.</summary>
    Queued,

    /// <summary>Claimed by a sender (under a lease); back to claimable if the sender dies.</summary>
    Sending,

    Sent,

    /// <summary>The last attempt failed; retried at <see cref="Notification.NextAttemptAt"/>.</summary>
    Failed,

    /// <summary>Given up: the maximum attempts were used, or the failure cannot be cured by retrying.</summary>
    Dead,
}

/// <summary>
/// One message to one recipient, rendered from a template when it was enqueued (a later template change does not
/// alter it; the payload itself is not kept). Delivery state lives here, so a restart loses nothing.
/// </summary>
internal sealed class Notification : ITenantOwned, ILeasedRow
{
    public const int MaxAddressLength = 320;
    public const int MaxDedupKeyLength = 200;
    public const int MaxSubjectLength = 1000;
    public const int MaxBodyLength = 100_000;
    public const int MaxErrorLength = 2000;

    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid TenantId { get; set; }

    public NotificationChannel Channel { get; init; }

    public RecipientKind RecipientKind { get; init; }

    public required string RecipientAddress { get; init; }

    public required string TemplateKey { get; init; }

    public string? DedupKey { get; init; }

    public string? Subject { get; init; }

    public required string Body { get; init; }

    public NotificationStatus Status { get; set; }

    public int Attempts { get; set; }

    public string? LastError { get; set; }

    public DateTimeOffset CreatedAt { get; init; }

    public Guid? CreatedBy { get; init; }

    public DateTimeOffset NextAttemptAt { get; set; }

    public DateTimeOffset? LastAttemptAt { get; set; }

    public DateTimeOffset? SentAt { get; set; }

    public DateTimeOffset? DeadAt { get; set; }

    public DateTimeOffset? LockedUntil { get; set; }

    public Guid? LockedBy { get; set; }
}
