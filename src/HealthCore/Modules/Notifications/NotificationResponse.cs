using HealthCore.Modules.Notifications.Contracts;

namespace HealthCore.Modules.Notifications;

internal sealed record NotificationResponse(
    Guid Id,
    NotificationRecipient Recipient,
    NotificationChannel Channel,
    string TemplateKey,
    string? DedupKey,
    NotificationStatus Status,
    int Attempts,
    string? LastError,
    string? Subject,
    string Body,
    DateTimeOffset CreatedAt,
    DateTimeOffset? NextAttemptAt,
    DateTimeOffset? LastAttemptAt,
    DateTimeOffset? SentAt,
    DateTimeOffset? DeadAt)
{
    public static NotificationResponse From(Notification n) => new(
        n.Id,
        new NotificationRecipient(n.RecipientKind, n.RecipientAddress),
        n.Channel,
        n.TemplateKey,
        n.DedupKey,
        n.Status,
        n.Attempts,
        n.LastError,
        n.Subject,
        n.Body,
        n.CreatedAt,
        n.Status is NotificationStatus.Sent or NotificationStatus.Dead ? null : n.NextAttemptAt,
        n.LastAttemptAt,
        n.SentAt,
        n.DeadAt);
}
