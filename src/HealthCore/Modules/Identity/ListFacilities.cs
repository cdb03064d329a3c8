using HealthCore.Platform.Http.Paging;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace HealthCore.Modules.Identity;

internal static class ListFacilities
{
    public static Task<Results<Ok<Page<FacilityResponse>>, ValidationProblem>> Handle(
        [AsParameters] PageRequest page, IdentityDb db, CursorCodec cursors, CancellationToken cancellationToken) =>
        KeysetPaging.ByGuidAsync(db.Facilities.AsNoTracking(), f => f.Id, page, cursors, FacilityResponse.From, cancellationToken);
}
