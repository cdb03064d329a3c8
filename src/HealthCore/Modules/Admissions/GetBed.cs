using HealthCore.Platform.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace HealthCore.Modules.Admissions;

internal static class GetBed
{
    public static async Task<Results<Ok<BedResponse>, NotFoundProblem>> Handle(
        Guid id, AdmissionsDb db, TimeProvider clock, HttpContext http, CancellationToken cancellationToken)
    {
        var bed = await db.Beds.FindAsync([id], cancellationToken);
        if (bed is null)
        {
            return NotFoundProblem.For("Bed", id);
        }

        http.SetETag(bed);
        return TypedResults.Ok(BedResponse.From(bed, clock.GetUtcNow()));
    }
}
