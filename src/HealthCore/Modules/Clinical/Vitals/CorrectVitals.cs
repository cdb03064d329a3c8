using HealthCore.Platform.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace HealthCore.Modules.Clinical;

internal static class CorrectVitals
{
    public static async Task<Results<Created<VitalsResponse>, ValidationProblem, NotFoundProblem, ConflictProblem>> Handle(
        Guid id, VitalsRequest request, VitalsRecorder recorder, HttpContext http, CancellationToken cancellationToken)
    {
        var replaced = await recorder.Db.VitalsObservations.SingleOrDefaultAsync(v => v.Id == id, cancellationToken);
        if (replaced is null)
        {
            return NotFoundProblem.For("Vitals", id);
        }

        if (request.EncounterId is not null && request.EncounterId != replaced.EncounterId)
        {
            return VitalsProblems.EncounterFromRoute();
        }

        if (replaced.Status != VitalsStatus.Final)
        {
            return VitalsProblems.NotFinal(replaced);
        }

        var encounter = replaced.EncounterId is { } encounterId
            ? await recorder.Db.Encounters.AsNoTracking().SingleAsync(e => e.Id == encounterId, cancellationToken)
            : null;
        return await recorder.RecordAsync(replaced.PatientId, encounter, request, replaced, http, cancellationToken);
    }
}
