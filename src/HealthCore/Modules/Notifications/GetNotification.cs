using HealthCore.Platform.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace HealthCore.Modules.Notifications;

internal static class GetNotification
{
    public static async Task<Results<Ok<NotificationResponse>, NotFoundProblem>> Handle(Guid id, NotificationsDb db, CancellationToken cancellationToken) =>
        await db.Notifications.AsNoTracking().SingleOrDefaultAsync(n => n.Id == id, cancellationToken) is { } notification
            ? TypedResults.Ok(NotificationResponse.From(notification))
            : NotFoundProblem.For("Notification", id);
}
