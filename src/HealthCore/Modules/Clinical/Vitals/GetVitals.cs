using HealthCore.Platform.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace HealthCore.Modules.Clinical;

internal static class GetVitals
{
    public static async Task<Results<Ok<VitalsResponse>, NotFoundProblem>> Handle(Guid id, ClinicalDb db, HttpContext http, CancellationToken cancellationToken)
    {
        var vitals = await db.VitalsObservations.AsNoTracking().SingleOrDefaultAsync(v => v.Id == id, cancellationToken);
        if (vitals is null)
        {
            return NotFoundProblem.For("Vitals", id);
        }

        http.SetETag(vitals);
        return TypedResults.Ok(VitalsResponse.From(vitals));
    }
}
