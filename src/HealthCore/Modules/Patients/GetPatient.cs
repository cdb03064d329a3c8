using HealthCore.Modules.Patients.Contracts;
using HealthCore.Platform.Http;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace HealthCore.Modules.Patients;

internal static class GetPatient
{
    public static async Task<Results<Ok<PatientResponse>, NotFoundProblem>> Handle(
        Guid id, PatientsDb db, IdentifierProtector protector, IAuthorizationService authorization, IPatientClinicalSummary summaries, HttpContext http,
        CancellationToken cancellationToken)
    {
        var patient = await db.Patients.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (patient is null)
        {
            return NotFoundProblem.For("Patient", id);
        }

        http.SetETag(patient);
        var access = await PatientAccess.OfAsync(authorization, http.User);
        return TypedResults.Ok(PatientResponse.From(patient, access, protector, await summaries.ForAsync(patient.Id, access, cancellationToken)));
    }
}
