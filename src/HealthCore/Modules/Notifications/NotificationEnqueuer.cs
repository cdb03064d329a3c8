using HealthCore.Modules.Identity.Contracts;
using System.Net.Mail;
using System.Text.Json;
using HealthCore.Modules.Notifications.Contracts;
using HealthCore.Platform.Database;
using HealthCore.Platform.Http;
using HealthCore.Platform.Security;
using Microsoft.EntityFrameworkCore;

namespace HealthCore.Modules.Notifications;

/// <summary>What became of an enqueue request.</summary>
internal abstract record EnqueueOutcome
{
    /// <summary>Queued now, or (<paramref name="Existing"/>) found under the same dedup key and left as it was.</summary>
    internal sealed record Accepted(Notification Notification, bool Existing) : EnqueueOutcome;

    /// <summary>The request itself is malformed (400).</summary>
    internal sealed record Invalid(Dictionary<string, string[]> Errors) : EnqueueOutcome;

    /// <summary>Well formed, but the template or the payload cannot produce a message (422).</summary>
    internal sealed record Unprocessable(string Title, Dictionary<string, string[]> Errors) : EnqueueOutcome;
}

/// <summary>
/// Validates, deduplicates, renders and queues notifications for the current tenant; behind both the HTTP endpoint
/// and <see cref="INotificationSender"/>. The dedup check before the insert is only a shortcut: the unique index on
/// (tenant, dedup key) decides races, and the loser returns the winner's notification.
/// </summary>
internal sealed class NotificationEnqueuer(NotificationsDb db, IUserDirectory users, TimeProvider clock, ICurrentTenant currentTenant) : INotificationSender
{
    public async Task<Guid> EnqueueAsync(NotificationRequest request, CancellationToken cancellationToken) =>
        await SubmitAsync(request, cancellationToken) switch
        {
            EnqueueOutcome.Accepted accepted => accepted.Notification.Id,
            EnqueueOutcome.Invalid invalid => throw new NotificationRejectedException("The notification request is invalid.", invalid.Errors),
            EnqueueOutcome.Unprocessable unprocessable => throw new NotificationRejectedException(unprocessable.Title, unprocessable.Errors),
            var other => throw new InvalidOperationException($"Unexpected outcome {other}."),
        };

    public async Task<EnqueueOutcome> SubmitAsync(NotificationRequest request, CancellationToken cancellationToken)
    {
        var errors = Validate(request, out var address);
        if (errors.Count == 0 && request.Recipient.Kind == RecipientKind.User && !await users.ExistsAsync(Guid.Parse(address), cancellationToken))
        {
            errors["recipient.address"] = ["No user of this tenant has this id."];
        }

        if (errors.Count > 0)
        {
            return new EnqueueOutcome.Invalid(errors);
        }

        if (request.DedupKey is { } dedupKey && await FindAsync(dedupKey, cancellationToken) is { } earlier)
        {
            return new EnqueueOutcome.Accepted(earlier, Existing: true);
        }

        var template = await db.Templates.AsNoTracking().SingleOrDefaultAsync(t => t.Key == request.TemplateKey, cancellationToken)
            ?? DefaultTemplates.Find(request.TemplateKey);
        if (template is null)
        {
            return Unprocessable("The template does not exist.", "templateKey", $"This tenant has no notification template '{request.TemplateKey}'.");
        }

        if (template.ContentFor(request.Channel) is not { } content)
        {
            return Unprocessable(
                "The template has nothing for this channel.", "channel", $"Template '{template.Key}' has no content for channel {request.Channel}.");
        }

        var payload = JsonSerializer.SerializeToElement(request.Payload);
        var missing = new Dictionary<string, string>(StringComparer.Ordinal);
        var subject = content.Subject is null ? null : TemplateText.Render(content.Subject, payload, TemplateText.ValueEncoding.HeaderLine, missing);
        var body = TemplateText.Render(
            content.Body,
            payload,
            request.Channel == NotificationChannel.Email ? TemplateText.ValueEncoding.Html : TemplateText.ValueEncoding.Plain,
            missing);
        if (missing.Count > 0)
        {
            return new EnqueueOutcome.Unprocessable(
                "The payload lacks values the template needs.",
                missing.ToDictionary(m => $"payload.{m.Key}", m => new[] { m.Value }, StringComparer.Ordinal));
        }

        if (body.Length > Notification.MaxBodyLength || subject?.Length > Notification.MaxSubjectLength)
        {
            return Unprocessable(
                "The rendered message is too long.",
                "payload",
                $"Rendered, the subject may have at most {Notification.MaxSubjectLength} and the body {Notification.MaxBodyLength} characters.");
        }

        var now = clock.GetUtcNow();
        var notification = new Notification
        {
            Channel = request.Channel,
            RecipientKind = request.Recipient.Kind,
            RecipientAddress = address,
            TemplateKey = template.Key,
            DedupKey = request.DedupKey,
            Subject = subject,
            Body = body,
            Status = NotificationStatus.Queued,
            CreatedAt = now,
            CreatedBy = currentTenant.UserId,
            NextAttemptAt = now,
        };
        db.Notifications.Add(notification);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException exception) when (request.DedupKey is not null && exception.IsUniqueViolation())
        {
            // Another request with the same key committed first; what it queued is the answer to this one too.
            db.ChangeTracker.Clear();
            return new EnqueueOutcome.Accepted(
                await FindAsync(request.DedupKey, cancellationToken) ?? throw new InvalidOperationException("The dedup key's winner vanished.", exception),
                Existing: true);
        }

        return new EnqueueOutcome.Accepted(notification, Existing: false);
    }

    /// <summary>Checks the request as a whole and returns the recipient's address in its canonical form.</summary>
    private static Dictionary<string, string[]> Validate(NotificationRequest request, out string address)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        address = request.Recipient?.Address?.Trim() ?? "";
        if (!Enum.IsDefined(request.Channel))
        {
            errors["channel"] = ["Unknown channel."];
        }

        if (!NotificationTemplate.IsValidKey(request.TemplateKey))
        {
            errors["templateKey"] = [NotificationTemplate.KeyRule];
        }

        if (request.DedupKey is { } dedupKey && (string.IsNullOrWhiteSpace(dedupKey) || dedupKey.Length > Notification.MaxDedupKeyLength))
        {
            errors["dedupKey"] = [$"A dedup key is 1 to {Notification.MaxDedupKeyLength} characters, not only whitespace."];
        }

        if (request.Payload is null)
        {
            errors["payload"] = ["The payload is required (an object; {} when the template has no placeholders)."];
        }

        if (request.Recipient is null)
        {
            errors["recipient"] = ["The recipient is required."];
            return errors;
        }

        var expectedKind = request.Channel switch
        {
            NotificationChannel.Email => RecipientKind.Email,
            NotificationChannel.Sms => RecipientKind.Phone,
            _ => RecipientKind.User,
        };
        if (request.Recipient.Kind != expectedKind && Enum.IsDefined(request.Channel))
        {
            errors["recipient.kind"] = [$"A {request.Channel} notification goes to a recipient of kind {expectedKind}."];
            return errors;
        }

        if (CanonicalAddress(request.Recipient.Kind, address) is { } canonical)
        {
            address = canonical;
        }
        else
        {
            errors["recipient.address"] = [request.Recipient.Kind switch
            {
                RecipientKind.Email => "Not a plain email address such as name@example.org.",
                RecipientKind.Phone => "Not an E.164 phone number such as +41791234567.",
                _ => "Not a user id (a UUID).",
            }];
        }

        return errors;
    }

    private static string? CanonicalAddress(RecipientKind kind, string address) => kind switch
    {
        _ when address.Length is 0 or > Notification.MaxAddressLength => null,
        RecipientKind.Email => MailAddress.TryCreate(address, out var mail) && mail.Address == address && mail.DisplayName.Length == 0 ? address : null,
        RecipientKind.Phone => ContactFormats.IsE164Phone(address) ? address : null,
        RecipientKind.User => Guid.TryParse(address, out var user) && user != Guid.Empty ? user.ToString() : null,
        _ => null,
    };

    private Task<Notification?> FindAsync(string dedupKey, CancellationToken cancellationToken) =>
        db.Notifications.AsNoTracking().SingleOrDefaultAsync(n => n.DedupKey == dedupKey, cancellationToken);

    private static EnqueueOutcome.Unprocessable Unprocessable(string title, string field, string message) =>
        new(title, new Dictionary<string, string[]>(StringComparer.Ordinal) { [field] = [message] });

}
