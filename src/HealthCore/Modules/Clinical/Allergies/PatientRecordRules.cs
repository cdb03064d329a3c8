using HealthCore.Platform.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace HealthCore.Modules.Clinical;

/// <summary>Checks shared by the patient-level records (allergies, problems) that a request's own annotations cannot make.</summary>
internal static class PatientRecordRules
{
    /// <summary>The optional encounter a record says it was made in must be one of the patient's that the caller may see.</summary>
    public static async Task<ValidationProblem?> CheckEncounterAsync(ClinicalDb db, Guid patientId, Guid? encounterId, CancellationToken cancellationToken) =>
        encounterId is { } id && !await db.Encounters.AnyAsync(e => e.Id == id && e.PatientId == patientId, cancellationToken)
            ? FieldErrors.Invalid("encounterId", "No encounter of this patient with this id exists in a facility you may see.")
            : null;

    /// <summary>Onsets, abatements and reaction times happen before they are recorded.</summary>
    public static ValidationProblem? CheckNotFuture(DateTimeOffset now, params (string Field, DateTimeOffset? At)[] instants) =>
        instants.FirstOrDefault(i => i.At > now) is { Field: { } field }
            ? FieldErrors.Invalid(field, "The time may not be in the future.")
            : null;

    public static string? Trimmed(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    public static ClinicalCode Trimmed(ClinicalCode code) => new(Trimmed(code.System), Trimmed(code.Code), code.Display.Trim());
}
