using HealthCore.Modules.Notifications.Contracts;

namespace HealthCore.Modules.Notifications;

/// <summary>Development's stand-in for a gateway: writes the rendered notification to the log and calls it sent.</summary>
internal sealed partial class LogChannel(ILogger<LogChannel> logger) : INotificationChannel
{
    public Task SendAsync(OutgoingNotification notification, CancellationToken cancellationToken)
    {
        LogDelivered(notification.Channel, notification.Id, notification.Address, notification.Subject, notification.Body);
        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Notification {NotificationId} ({Channel}, log provider) to {Address}: {Subject} | {Body}")]
    private partial void LogDelivered(NotificationChannel channel, Guid notificationId, string address, string? subject, string body);
}

/// <summary>A channel nobody configured: fails for good, so the notification shows why instead of pretending to be sent.</summary>
internal sealed class UnconfiguredChannel : INotificationChannel
{
    public Task SendAsync(OutgoingNotification notification, CancellationToken cancellationToken) =>
        throw new NotificationDeliveryException(
            $"No provider is configured for channel {notification.Channel} (set Notifications:Providers:{notification.Channel}, "
            + "or register a gateway); the notification was not sent.",
            permanent: true);
}
