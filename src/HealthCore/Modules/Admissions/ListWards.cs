using HealthCore.Platform.Http.Paging;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace HealthCore.Modules.Admissions;

internal sealed record WardCursor(Guid After);

internal static class ListWards
{
    public static async Task<Results<Ok<Page<WardResponse>>, ValidationProblem>> Handle(
        [AsParameters] PageRequest page, Guid? facilityId, string? type, AdmissionsDb db, CursorCodec cursors, CancellationToken cancellationToken)
    {
        if (QueryEnums.TryParse<WardType>(type, "type", out var wardTypeFilter) is { } invalid)
        {
            return invalid;
        }

        var query = db.Wards.AsNoTracking().OrderBy(w => w.Id).AsQueryable();
        if (facilityId is { } facility)
        {
            query = query.Where(w => w.FacilityId == facility);
        }

        if (wardTypeFilter is { } wardType)
        {
            query = query.Where(w => w.Type == wardType);
        }

        if (page.Cursor is not null)
        {
            if (!cursors.TryDecode<WardCursor>(page.Cursor, out var position))
            {
                return Paging.InvalidCursor();
            }

            query = query.Where(w => w.Id.CompareTo(position!.After) > 0);
        }

        var rows = await query.Take(page.EffectiveLimit + 1).ToListAsync(cancellationToken);
        return TypedResults.Ok(Paging.ToPage(rows, page.EffectiveLimit, w => cursors.Encode(new WardCursor(w.Id)), WardResponse.From));
    }
}
