using HealthCore.Platform.Http;
using HealthCore.Platform.Http.Paging;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace HealthCore.Modules.Admissions;

internal static class ListWards
{
    public static async Task<Results<Ok<Page<WardResponse>>, ValidationProblem>> Handle(
        [AsParameters] PageRequest page, Guid? facilityId, string? type, AdmissionsDb db, CursorCodec cursors, CancellationToken cancellationToken)
    {
        if (QueryEnum.TryParse<WardType>(type, "type", out var wardTypeFilter) is { } invalid)
        {
            return invalid;
        }

        var query = db.Wards.AsNoTracking();
        if (facilityId is { } facility)
        {
            query = query.Where(w => w.FacilityId == facility);
        }

        if (wardTypeFilter is { } wardType)
        {
            query = query.Where(w => w.Type == wardType);
        }

        return await KeysetPaging.ByGuidAsync(query, w => w.Id, page, cursors, WardResponse.From, cancellationToken);
    }
}
