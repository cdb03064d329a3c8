using HealthCore.Platform.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace HealthCore.Modules.Identity;

internal sealed record FacilityResponse(
    Guid Id, string Code, string Name, string? Address, string? Phone, string TimeZone, bool Active, int Version, DateTimeOffset CreatedAt)
{
    public static FacilityResponse From(Facility f) =>
        new(f.Id, f.Code, f.Name, f.Address, f.Phone, f.TimeZone, f.Active, f.Version, f.CreatedAt);
}

internal static class GetFacility
{
    public static async Task<Results<Ok<FacilityResponse>, NotFoundProblem>> Handle(
        Guid id, IdentityDb db, HttpContext http, CancellationToken cancellationToken)
    {
        var facility = await db.Facilities.AsNoTracking().SingleOrDefaultAsync(f => f.Id == id, cancellationToken);
        if (facility is null)
        {
            return NotFoundProblem.For("Facility", id);
        }

        http.SetETag(facility);
        return TypedResults.Ok(FacilityResponse.From(facility));
    }
}
