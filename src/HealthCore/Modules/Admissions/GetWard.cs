using HealthCore.Platform.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace HealthCore.Modules.Admissions;

internal static class GetWard
{
    public static async Task<Results<Ok<WardResponse>, NotFoundProblem>> Handle(Guid id, AdmissionsDb db, HttpContext http, CancellationToken cancellationToken)
    {
        var ward = await db.Wards.FindAsync([id], cancellationToken);
        if (ward is null)
        {
            return NotFoundProblem.For("Ward", id);
        }

        http.SetETag(ward);
        return TypedResults.Ok(WardResponse.From(ward));
    }
}
