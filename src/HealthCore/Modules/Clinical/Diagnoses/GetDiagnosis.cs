using HealthCore.Platform.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace HealthCore.Modules.Clinical;

internal static class GetDiagnosis
{
    public static async Task<Results<Ok<DiagnosisResponse>, NotFoundProblem>> Handle(Guid id, ClinicalDb db, HttpContext http, CancellationToken cancellationToken)
    {
        var diagnosis = await db.Diagnoses.AsNoTracking().SingleOrDefaultAsync(d => d.Id == id, cancellationToken);
        if (diagnosis is null)
        {
            return NotFoundProblem.For("Diagnosis", id);
        }

        http.SetETag(diagnosis);
        return TypedResults.Ok(DiagnosisResponse.From(diagnosis));
    }
}
