using HealthCore.Platform.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace HealthCore.Modules.Notifications;

internal static class GetNotificationTemplate
{
    public static async Task<Results<Ok<NotificationTemplateResponse>, NotFoundProblem>> Handle(
        string key, NotificationsDb db, HttpContext http, CancellationToken cancellationToken)
    {
        // A built-in default answers until the tenant writes its own under the key.
        var template = await db.Templates.AsNoTracking().SingleOrDefaultAsync(t => t.Key == key, cancellationToken) ?? DefaultTemplates.Find(key);
        if (template is null)
        {
            return new NotFoundProblem("Notification template not found.", $"This tenant has no notification template '{key}'.");
        }

        http.SetETag(template);
        return TypedResults.Ok(NotificationTemplateResponse.From(template));
    }
}
