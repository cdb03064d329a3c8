using System.Linq.Expressions;
using HealthCore.Modules.Notifications.Contracts;
using HealthCore.Platform.Database;
using HealthCore.Platform.Events;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HealthCore.Modules.Notifications;

/// <summary>
/// Sends due notifications, at least once. A pass claims a batch with a <see cref="RowLease"/> (status sending),
/// renews the lease on each notification right before sending it, so no two senders work on one notification at the
/// same time, and records the outcome only while it still holds the lease. A sender that dies mid-pass leaves its
/// notifications "sending" with a lease that runs out, after which any sender takes them again; the one duplicate
/// this can cause is a message the provider accepted just before the process died.
/// </summary>
internal sealed partial class NotificationProcessor(
    IServiceScopeFactory scopes,
    NotificationChannels channels,
    IOptionsMonitor<NotificationOptions> options,
    TimeProvider clock,
    ILogger<NotificationProcessor> logger)
{
    /// <summary>One pass: claims due notifications and sends them; returns how many were claimed.</summary>
    public async Task<int> SendDueAsync(CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue;
        var lease = TimeSpan.FromSeconds(settings.LeaseSeconds);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NotificationsDb>();
        var claim = Guid.CreateVersion7();
        var now = clock.GetUtcNow();
        var batch = await RowLease.ClaimAsync(
            db, Due(now), claim, now, lease, settings.BatchSize, cancellationToken, set => set.SetProperty(n => n.Status, NotificationStatus.Sending));
        try
        {
            foreach (var notification in batch)
            {
                if (await RowLease.RenewAsync<Notification>(db, notification.Id, claim, clock.GetUtcNow() + lease, cancellationToken))
                {
                    await SendAsync(db, claim, notification, settings, cancellationToken);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutting down: hand the rest back now rather than when the lease runs out.
            await RowLease.ReleaseAsync<Notification>(
                db,
                claim,
                CancellationToken.None,
                set => set.SetProperty(n => n.Status, n => n.Attempts == 0 ? NotificationStatus.Queued : NotificationStatus.Failed));
            throw;
        }

        return batch.Count;
    }

    /// <summary>Notifications neither sent nor dead whose time has come; a lapsed "sending" one is due again.</summary>
    /// <remarks>Spelled as the statuses that are due (an IN list), so the (status, next_attempt_at) index serves it.</remarks>
    private static Expression<Func<Notification, bool>> Due(DateTimeOffset now) =>
        n => (n.Status == NotificationStatus.Queued || n.Status == NotificationStatus.Failed || n.Status == NotificationStatus.Sending)
            && n.NextAttemptAt <= now;

    private async Task SendAsync(
        NotificationsDb db, Guid claim, Notification notification, NotificationOptions settings, CancellationToken cancellationToken)
    {
        var attempt = notification.Attempts + 1;
        var startedAt = clock.GetUtcNow();
        try
        {
            await channels.For(notification.Channel).SendAsync(
                new OutgoingNotification(
                    notification.Id,
                    notification.TenantId,
                    notification.Channel,
                    notification.RecipientKind,
                    notification.RecipientAddress,
                    notification.Subject,
                    notification.Body,
                    attempt),
                cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            await RecordFailureAsync(db, claim, notification, attempt, startedAt, exception, settings);
            return;
        }

        var sentAt = clock.GetUtcNow();
        await RowLease.Held<Notification>(db, notification.Id, claim).ExecuteUpdateAsync(
            set =>
            {
                set.SetProperty(n => n.Status, NotificationStatus.Sent)
                    .SetProperty(n => n.Attempts, attempt)
                    .SetProperty(n => n.LastAttemptAt, startedAt)
                    .SetProperty(n => n.SentAt, sentAt);
                RowLease.ClearLease(set);
            },
            CancellationToken.None);
    }

    private async Task RecordFailureAsync(
        NotificationsDb db, Guid claim, Notification notification, int attempt, DateTimeOffset startedAt, Exception exception, NotificationOptions settings)
    {
        var permanent = exception is NotificationDeliveryException { Permanent: true };
        var now = clock.GetUtcNow();
        var deadAt = permanent || attempt >= settings.MaxAttempts ? now : (DateTimeOffset?)null;
        var error = Describe(exception);
        var retryAt = now + RetryBackoff.WithJitter(
            attempt, TimeSpan.FromMilliseconds(settings.RetryBaseDelayMilliseconds), TimeSpan.FromSeconds(settings.MaxRetryDelaySeconds), Random.Shared);
        await RowLease.Held<Notification>(db, notification.Id, claim).ExecuteUpdateAsync(
            set =>
            {
                set.SetProperty(n => n.Status, deadAt is null ? NotificationStatus.Failed : NotificationStatus.Dead)
                    .SetProperty(n => n.Attempts, attempt)
                    .SetProperty(n => n.LastError, error)
                    .SetProperty(n => n.LastAttemptAt, startedAt)
                    .SetProperty(n => n.NextAttemptAt, retryAt)
                    .SetProperty(n => n.DeadAt, deadAt);
                RowLease.ClearLease(set);
            },
            CancellationToken.None);
        if (deadAt is null)
        {
            LogAttemptFailed(exception, notification.Channel, notification.Id, attempt);
        }
        else
        {
            LogDead(exception, notification.Channel, notification.Id, attempt);
        }
    }

    // The exception's own words, and its cause's (SmtpClient says "Failure sending mail." and puts the reason inside);
    // never a stack trace, which the log has.
    private static string Describe(Exception exception)
    {
        var text = exception is NotificationDeliveryException ? exception.Message : $"{exception.GetType().Name}: {exception.Message}";
        if (exception.InnerException is { } inner && exception is not NotificationDeliveryException)
        {
            text += $" ({inner.GetType().Name}: {inner.Message})";
        }

        return text.Length > Notification.MaxErrorLength ? text[..Notification.MaxErrorLength] : text;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sending {Channel} notification {NotificationId} failed (attempt {Attempt}); it will be retried")]
    private partial void LogAttemptFailed(Exception exception, NotificationChannel channel, Guid notificationId, int attempt);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Channel} notification {NotificationId} is dead after attempt {Attempt}")]
    private partial void LogDead(Exception exception, NotificationChannel channel, Guid notificationId, int attempt);
}
