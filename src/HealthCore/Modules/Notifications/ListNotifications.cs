using HealthCore.Platform.Http;
using HealthCore.Platform.Http.Paging;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace HealthCore.Modules.Notifications;

internal sealed record NotificationCursor(Guid Before);

internal static class ListNotifications
{
    public static async Task<Results<Ok<Page<NotificationResponse>>, ValidationProblem>> Handle(
        string? recipient, string? status, [AsParameters] PageRequest page, NotificationsDb db, CursorCodec cursors, CancellationToken cancellationToken)
    {
        var query = db.Notifications.AsNoTracking();
        if (recipient is { Length: > 0 })
        {
            var address = Guid.TryParse(recipient, out var userId) ? userId.ToString() : recipient.Trim();
            query = query.Where(n => n.RecipientAddress == address);
        }

        if (QueryEnum.TryParse<NotificationStatus>(status, "status", out var wanted) is { } invalidStatus)
        {
            return invalidStatus;
        }

        if (wanted is not null)
        {
            query = query.Where(n => n.Status == wanted);
        }

        if (page.Cursor is not null)
        {
            if (!cursors.TryDecode<NotificationCursor>(page.Cursor, out var position))
            {
                return Paging.InvalidCursor();
            }

            query = query.Where(n => n.Id.CompareTo(position!.Before) < 0);
        }

        var rows = await query.OrderByDescending(n => n.Id).Take(page.EffectiveLimit + 1).ToListAsync(cancellationToken);
        return TypedResults.Ok(Paging.ToPage(rows, page.EffectiveLimit, n => cursors.Encode(new NotificationCursor(n.Id)), NotificationResponse.From));
    }
}
