using HealthCore.Modules.Patients.Contracts;
using HealthCore.Platform.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace HealthCore.Modules.Patients;

internal static class DeactivatePatient
{
    public static async Task<Results<NoContent, ValidationProblem, NotFoundProblem, ConflictProblem, PreconditionProblem>> Handle(
        Guid id, string? reason, PatientsDb db, TimeProvider clock, HttpContext http, CancellationToken cancellationToken)
    {
        var patient = await db.Patients.SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (patient is null)
        {
            return NotFoundProblem.For("Patient", id);
        }

        reason = (string.IsNullOrWhiteSpace(reason) ? PatientRules.AuditReason(http) : reason)?.Trim();
        if (string.IsNullOrEmpty(reason))
        {
            return FieldErrors.Invalid("reason", "Say why the patient is deactivated (?reason= or the X-Audit-Reason header).");
        }

        if (reason.Length > 500)
        {
            return FieldErrors.Invalid("reason", "The reason must be at most 500 characters.");
        }

        if (http.Request.Headers.IfMatch.Count > 0 && db.CheckIfMatch(http.Request, patient) is { } precondition)
        {
            return precondition;
        }

        if (!patient.Active)
        {
            return new ConflictProblem("The patient is already deactivated.", $"Deactivated at {patient.DeactivatedAt:O}: {patient.DeactivationReason}");
        }

        var now = clock.GetUtcNow();
        patient.Active = false;
        patient.DeactivatedAt = now;
        patient.DeactivationReason = reason;
        patient.UpdatedAt = now;
        db.AuditAs(patient, "deactivate");
        db.AuditReason(reason);
        db.Publish(new PatientDeactivated(patient.Id, reason), now);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.NoContent();
    }
}
