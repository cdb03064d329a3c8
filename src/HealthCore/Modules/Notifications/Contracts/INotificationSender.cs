using System.Text.Json.Nodes;

namespace HealthCore.Modules.Notifications.Contracts;

/// <summary>Queues notifications for background delivery; for other modules' flows (e.g. appointment reminders).</summary>
internal interface INotificationSender
{
    /// <summary>
    /// Renders the tenant's template <see cref="NotificationRequest.TemplateKey"/> for the channel from the payload and
    /// queues the result for the current tenant; returns the notification's id. With a <see cref="NotificationRequest.DedupKey"/>
    /// the tenant already used, nothing is queued and the id of that earlier notification is returned, even when
    /// several callers (on several instances) enqueue with the same key at once: "never twice".
    /// </summary>
    /// <exception cref="NotificationRejectedException">
    /// The request is invalid, the template is unknown or has no content for the channel, or the payload lacks a
    /// placeholder's value.
    /// </exception>
    Task<Guid> EnqueueAsync(NotificationRequest request, CancellationToken cancellationToken);
}

/// <summary>How a notification reaches its recipient.</summary>
internal enum NotificationChannel
{
    Email,
    Sms,
    Push,
    InApp,
}

/// <summary>What a recipient's address is: an email address, an E.164 phone number or a user id (push, in-app).</summary>
internal enum RecipientKind
{
    Email,
    Phone,
    User,
}

/// <param name="Kind">Must suit the channel: email for email, phone for SMS, user for push and in-app.</param>
/// <param name="Address">An email address, an E.164 phone number such as +41791234567, or a user id.</param>
internal sealed record NotificationRecipient(RecipientKind Kind, string Address);

/// <param name="Payload">The only source of placeholder values: <c>{{patient.name}}</c> reads <c>payload.patient.name</c>.</param>
/// <param name="DedupKey">Identifies the notification for the tenant (e.g. <c>appointment:{id}:reminder:24h</c>): enqueued at most once.</param>
internal sealed record NotificationRequest(
    NotificationRecipient Recipient, NotificationChannel Channel, string TemplateKey, JsonObject Payload, string? DedupKey = null);

/// <summary>Why a notification was not queued, as field errors keyed like the HTTP API's (e.g. <c>templateKey</c>, <c>payload.patient.name</c>).</summary>
internal sealed class NotificationRejectedException : Exception
{
    public NotificationRejectedException(string message, IReadOnlyDictionary<string, string[]> errors)
        : base(message) => Errors = errors;

    public NotificationRejectedException()
        : this("The notification was rejected.", new Dictionary<string, string[]>())
    {
    }

    public NotificationRejectedException(string message)
        : this(message, new Dictionary<string, string[]>())
    {
    }

    public NotificationRejectedException(string message, Exception innerException)
        : base(message, innerException) => Errors = new Dictionary<string, string[]>();

    public IReadOnlyDictionary<string, string[]> Errors { get; }
}
