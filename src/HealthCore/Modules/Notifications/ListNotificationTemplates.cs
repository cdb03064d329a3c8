using HealthCore.Platform.Http.Paging;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace HealthCore.Modules.Notifications;

internal sealed record TemplateCursor(string After);

internal static class ListNotificationTemplates
{
    public static async Task<Results<Ok<Page<NotificationTemplateResponse>>, ValidationProblem>> Handle(
        [AsParameters] PageRequest page, NotificationsDb db, CursorCodec cursors, CancellationToken cancellationToken)
    {
        var query = db.Templates.AsNoTracking();
        if (page.Cursor is not null)
        {
            if (!cursors.TryDecode<TemplateCursor>(page.Cursor, out var position))
            {
                return Paging.InvalidCursor();
            }

            query = query.Where(t => t.Key.CompareTo(position!.After) > 0);
        }

        var rows = await query.OrderBy(t => t.Key).Take(page.EffectiveLimit + 1).ToListAsync(cancellationToken);
        return TypedResults.Ok(Paging.ToPage(rows, page.EffectiveLimit, t => cursors.Encode(new TemplateCursor(t.Key)), NotificationTemplateResponse.From));
    }
}
