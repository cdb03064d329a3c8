using HealthCore.Platform.Http.Paging;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace HealthCore.Modules.Notifications;

internal static class ListNotificationTemplates
{
    public static Task<Results<Ok<Page<NotificationTemplateResponse>>, ValidationProblem>> Handle(
        [AsParameters] PageRequest page, NotificationsDb db, CursorCodec cursors, CancellationToken cancellationToken) =>
        KeysetPaging.ByStringAsync(db.Templates.AsNoTracking(), t => t.Key, page, cursors, NotificationTemplateResponse.From, cancellationToken);
}
