using HealthCore.Modules.Patients.Contracts;
using HealthCore.Platform.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace HealthCore.Modules.Clinical;

internal static class RecordVitals
{
    public static async Task<Results<Created<VitalsResponse>, ValidationProblem, NotFoundProblem, ConflictProblem>> ForPatient(
        Guid id, VitalsRequest request, VitalsRecorder recorder, IPatientDirectory patients, HttpContext http, CancellationToken cancellationToken)
    {
        if (await patients.FindAsync(id, cancellationToken) is null)
        {
            return NotFoundProblem.For("Patient", id);
        }

        Encounter? encounter = null;
        if (request.EncounterId is { } encounterId)
        {
            encounter = await recorder.Db.Encounters.AsNoTracking().SingleOrDefaultAsync(e => e.Id == encounterId, cancellationToken);
            if (encounter is null || encounter.PatientId != id)
            {
                return FieldErrors.Invalid("encounterId", "No encounter of this patient with this id exists in a facility you may see.");
            }

            if (!VitalsRecorder.Accepts(encounter))
            {
                return VitalsProblems.EncounterEnded(encounter);
            }
        }

        return await recorder.RecordAsync(id, encounter, request, null, http, cancellationToken);
    }

    public static async Task<Results<Created<VitalsResponse>, ValidationProblem, NotFoundProblem, ConflictProblem>> ForEncounter(
        Guid id, VitalsRequest request, VitalsRecorder recorder, HttpContext http, CancellationToken cancellationToken)
    {
        var encounter = await recorder.Db.Encounters.AsNoTracking().SingleOrDefaultAsync(e => e.Id == id, cancellationToken);
        if (encounter is null)
        {
            return NotFoundProblem.For("Encounter", id);
        }

        if (request.EncounterId is not null && request.EncounterId != id)
        {
            return VitalsProblems.EncounterFromRoute();
        }

        if (!VitalsRecorder.Accepts(encounter))
        {
            return VitalsProblems.EncounterEnded(encounter);
        }

        return await recorder.RecordAsync(encounter.PatientId, encounter, request, null, http, cancellationToken);
    }
}
