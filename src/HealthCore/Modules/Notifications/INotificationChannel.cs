using HealthCore.Modules.Notifications.Contracts;

namespace HealthCore.Modules.Notifications;

/// <summary>
/// Delivers rendered notifications of one channel: the SMTP and file email providers, the log provider, and what an
/// SMS or push gateway implements. A gateway is wired with
/// <c>services.AddKeyedSingleton&lt;INotificationChannel, MyGateway&gt;(NotificationChannel.Sms)</c>, which takes
/// precedence over Notifications:Providers. Return normally only once the provider has accepted the message.
/// Throw on failure: <see cref="NotificationDeliveryException"/> with Permanent = true when retrying cannot help;
/// anything else is retried with backoff.
/// </summary>
internal interface INotificationChannel
{
    Task SendAsync(OutgoingNotification notification, CancellationToken cancellationToken);
}

/// <param name="Subject">Email subject or push/in-app title (one line); null for SMS.</param>
/// <param name="Body">HTML for email, plain text otherwise.</param>
internal sealed record OutgoingNotification(
    Guid Id, Guid TenantId, NotificationChannel Channel, RecipientKind RecipientKind, string Address, string? Subject, string Body, int Attempt);

internal sealed class NotificationDeliveryException(string message, bool permanent, Exception? innerException = null)
    : Exception(message, innerException)
{
    public bool Permanent { get; } = permanent;
}
