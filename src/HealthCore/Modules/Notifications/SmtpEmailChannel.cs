using System.Net;
using System.Net.Mail;
using System.Text;
using Microsoft.Extensions.Options;

namespace HealthCore.Modules.Notifications;

/// <summary>
/// Email through System.Net.Mail.SmtpClient: to an SMTP server (Smtp provider) or as .eml files in a folder (File
/// provider, for Development), so both go through the same message construction.
/// </summary>
internal sealed class SmtpEmailChannel(IOptionsMonitor<NotificationOptions> options, IHostEnvironment environment, bool toFiles) : INotificationChannel
{
    public const string NotificationIdHeader = "X-HealthCore-Notification-Id";

    // A recipient the server refuses for good (no such mailbox, not allowed); anything else may pass on a retry.
    private static readonly HashSet<SmtpStatusCode> PermanentRecipientFailures =
        [SmtpStatusCode.MailboxUnavailable, SmtpStatusCode.UserNotLocalTryAlternatePath, SmtpStatusCode.MailboxNameNotAllowed];

    public async Task SendAsync(OutgoingNotification notification, CancellationToken cancellationToken)
    {
        var smtp = options.CurrentValue.Smtp;
        using var message = new MailMessage
        {
            From = new MailAddress(smtp.From ?? "healthcore@localhost", smtp.FromName),
            Subject = notification.Subject ?? "",
            SubjectEncoding = Encoding.UTF8,
            Body = notification.Body,
            BodyEncoding = Encoding.UTF8,
            IsBodyHtml = true,
            HeadersEncoding = Encoding.UTF8,
        };
        message.To.Add(new MailAddress(notification.Address));
        message.Headers.Add(NotificationIdHeader, notification.Id.ToString());

        using var client = toFiles ? PickupClient() : NetworkClient(smtp);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(smtp.TimeoutSeconds));
        try
        {
            await client.SendMailAsync(message, timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new NotificationDeliveryException($"The SMTP server did not complete the delivery within {smtp.TimeoutSeconds} s.", permanent: false);
        }
        catch (SmtpException failure)
        {
            // The reply code decides what a retry can do and is what an operator looks for in lastError.
            var permanent = failure is SmtpFailedRecipientException refused && PermanentRecipientFailures.Contains(refused.StatusCode);
            var code = (int)failure.StatusCode > 0 ? $"SMTP {(int)failure.StatusCode} {failure.StatusCode}" : "SMTP";
            var cause = failure.InnerException is { } inner ? $" ({inner.GetType().Name}: {inner.Message})" : "";
            throw new NotificationDeliveryException($"{code}: {failure.Message}{cause}", permanent, failure);
        }
    }

    private static SmtpClient NetworkClient(SmtpOptions smtp) => new(smtp.Host, smtp.Port)
    {
        DeliveryMethod = SmtpDeliveryMethod.Network,
        EnableSsl = smtp.EnableSsl,
        Credentials = smtp.Username is { Length: > 0 } user ? new NetworkCredential(user, smtp.Password) : null,
        Timeout = smtp.TimeoutSeconds * 1000,
    };

    private SmtpClient PickupClient()
    {
        var folder = Path.GetFullPath(options.CurrentValue.FileDirectory ?? Path.Combine("data", "notifications"), environment.ContentRootPath);
        Directory.CreateDirectory(folder);
        return new SmtpClient { DeliveryMethod = SmtpDeliveryMethod.SpecifiedPickupDirectory, PickupDirectoryLocation = folder };
    }
}
