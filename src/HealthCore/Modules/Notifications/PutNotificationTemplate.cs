using System.ComponentModel.DataAnnotations;
using HealthCore.Platform.Database;
using HealthCore.Platform.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace HealthCore.Modules.Notifications;

internal sealed record PutNotificationTemplateRequest(
    [Required] TemplateChannels? Channels,
    [StringLength(NotificationTemplate.MaxDescriptionLength)] string? Description = null);

/// <summary>Creates the tenant's template under the key (201), or replaces it (200, If-Match required).</summary>
internal static class PutNotificationTemplate
{
    public static async Task<Results<Created<NotificationTemplateResponse>, Ok<NotificationTemplateResponse>, ValidationProblem, PreconditionProblem>> Handle(
        string key, PutNotificationTemplateRequest request, NotificationsDb db, TimeProvider clock, HttpContext http, CancellationToken cancellationToken)
    {
        var errors = Validate(key, request.Channels!);
        if (errors.Count > 0)
        {
            return FieldErrors.Invalid(errors);
        }

        var now = clock.GetUtcNow();
        var template = await db.Templates.SingleOrDefaultAsync(t => t.Key == key, cancellationToken);
        if (template is not null)
        {
            if (db.CheckIfMatch(http.Request, template) is { } precondition)
            {
                return precondition;
            }

            Apply(template, request, now);
            await db.SaveChangesAsync(cancellationToken);
            http.SetETag(template);
            return TypedResults.Ok(NotificationTemplateResponse.From(template));
        }

        if (http.Request.Headers.IfMatch.Count > 0)
        {
            return new PreconditionProblem(
                StatusCodes.Status412PreconditionFailed, "The template does not exist.", "If-Match was sent, but there is no template under this key to match.");
        }

        template = new NotificationTemplate { Key = key, CreatedAt = now };
        Apply(template, request, now);
        db.Templates.Add(template);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException exception) when (exception.IsUniqueViolation())
        {
            return new PreconditionProblem(
                StatusCodes.Status412PreconditionFailed,
                "The template was created by someone else meanwhile.",
                "Read it, then replace it with its ETag in If-Match.");
        }

        http.SetETag(template);
        return TypedResults.Created($"/api/v1/notification-templates/{Uri.EscapeDataString(key)}", NotificationTemplateResponse.From(template));
    }

    private static void Apply(NotificationTemplate template, PutNotificationTemplateRequest request, DateTimeOffset now)
    {
        var channels = request.Channels!;
        template.Description = request.Description;
        template.EmailSubject = channels.Email?.Subject;
        template.EmailBody = channels.Email?.Body;
        template.SmsBody = channels.Sms?.Body;
        template.PushSubject = channels.Push?.Subject;
        template.PushBody = channels.Push?.Body;
        template.InAppSubject = channels.InApp?.Subject;
        template.InAppBody = channels.InApp?.Body;
        template.UpdatedAt = now;
    }

    private static Dictionary<string, string[]> Validate(string key, TemplateChannels channels)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (!NotificationTemplate.IsValidKey(key))
        {
            errors["key"] = [NotificationTemplate.KeyRule];
        }

        if (channels.Email is null && channels.Sms is null && channels.Push is null && channels.InApp is null)
        {
            errors["channels"] = ["Give the content for at least one channel (email, sms, push, inApp)."];
        }

        CheckSubject(errors, "channels.email.subject", channels.Email?.Subject);
        CheckBody(errors, "channels.email.body", channels.Email?.Body);
        CheckBody(errors, "channels.sms.body", channels.Sms?.Body);
        CheckSubject(errors, "channels.push.subject", channels.Push?.Subject);
        CheckBody(errors, "channels.push.body", channels.Push?.Body);
        CheckSubject(errors, "channels.inApp.subject", channels.InApp?.Subject);
        CheckBody(errors, "channels.inApp.body", channels.InApp?.Body);
        return errors;
    }

    private static void CheckSubject(Dictionary<string, string[]> errors, string field, string? subject)
    {
        if (subject is not null && TemplateText.HasLineBreak(subject))
        {
            errors[field] = ["A subject is one line: no line breaks."];
        }
        else
        {
            CheckBody(errors, field, subject);
        }
    }

    private static void CheckBody(Dictionary<string, string[]> errors, string field, string? text)
    {
        if (text is not null && TemplateText.Check(text) is { } problem)
        {
            errors[field] = [problem];
        }
    }
}
