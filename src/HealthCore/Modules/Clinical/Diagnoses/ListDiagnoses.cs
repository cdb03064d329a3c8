using HealthCore.Platform.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace HealthCore.Modules.Clinical;

internal static class ListDiagnoses
{
    public static async Task<Results<Ok<DiagnosisList>, NotFoundProblem>> Handle(Guid id, ClinicalDb db, CancellationToken cancellationToken)
    {
        if (!await db.Encounters.AnyAsync(e => e.Id == id, cancellationToken))
        {
            return NotFoundProblem.For("Encounter", id);
        }

        var diagnoses = await db.Diagnoses.AsNoTracking().Where(d => d.EncounterId == id).ToListAsync(cancellationToken);
        return TypedResults.Ok(new DiagnosisList(
            [.. diagnoses.OrderBy(d => d.Rank).ThenBy(d => d.RecordedAt).ThenBy(d => d.Id).Select(DiagnosisResponse.From)]));
    }
}
