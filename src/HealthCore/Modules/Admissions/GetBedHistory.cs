using HealthCore.Platform.Http;
using HealthCore.Platform.Http.Paging;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace HealthCore.Modules.Admissions;

internal sealed record BedStatusChangeResponse(
    Guid Id, BedStatus From, BedStatus To, string? Reason, Guid? AdmissionId, DateTimeOffset ChangedAt, Guid? ActorId)
{
    public static BedStatusChangeResponse Of(BedStatusChange c) => new(c.Id, c.FromStatus, c.ToStatus, c.Reason, c.AdmissionId, c.ChangedAt, c.ActorId);
}

internal sealed record BedHistoryCursor(DateTimeOffset ChangedAt, Guid Id);

internal static class GetBedHistory
{
    public static async Task<Results<Ok<Page<BedStatusChangeResponse>>, ValidationProblem, NotFoundProblem>> Handle(
        Guid id, [AsParameters] PageRequest page, AdmissionsDb db, CursorCodec cursors, CancellationToken cancellationToken)
    {
        if (!await db.Beds.AnyAsync(b => b.Id == id, cancellationToken))
        {
            return NotFoundProblem.For("Bed", id);
        }

        var query = db.BedStatusChanges.AsNoTracking().Where(c => c.BedId == id);
        if (page.Cursor is not null)
        {
            if (!cursors.TryDecode<BedHistoryCursor>(page.Cursor, out var position))
            {
                return Paging.InvalidCursor();
            }

            query = query.Where(c => c.ChangedAt < position!.ChangedAt || (c.ChangedAt == position.ChangedAt && c.Id.CompareTo(position.Id) < 0));
        }

        var rows = await query.OrderByDescending(c => c.ChangedAt).ThenByDescending(c => c.Id).Take(page.EffectiveLimit + 1).ToListAsync(cancellationToken);
        return TypedResults.Ok(Paging.ToPage(
            rows, page.EffectiveLimit, c => cursors.Encode(new BedHistoryCursor(c.ChangedAt, c.Id)), BedStatusChangeResponse.Of));
    }
}
