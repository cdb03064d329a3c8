using HealthCore.Modules.Practitioners.Contracts;
using HealthCore.Platform.Auditing;
using HealthCore.Platform.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace HealthCore.Modules.Patients;

/// <summary>Checks beyond the request's own annotations: dates against today, the audit reason header, references.</summary>
internal static class PatientRules
{
    public const string AuditReasonHeader = "X-Audit-Reason";

    /// <summary>
    /// Dates against today, the X-Audit-Reason header, and the primary practitioner (when it is new: one who left later
    /// does not block edits of other fields) against the tenant's practitioners.
    /// </summary>
    public static async Task<ValidationProblem?> CheckAsync(
        PatientDetails details, Guid? currentPractitionerId, DateTimeOffset now, HttpContext http, IPractitionerDirectory practitioners,
        CancellationToken cancellationToken)
    {
        var errors = details.CheckDates(DateOnly.FromDateTime(now.UtcDateTime), now);
        if (AuditReasonProblem(http) is { } reasonProblem)
        {
            errors[AuditReasonHeader] = [reasonProblem];
        }

        if (details.PrimaryPractitionerId is { } practitionerId && practitionerId != currentPractitionerId
            && !await practitioners.PractitionerExistsAsync(practitionerId, cancellationToken))
        {
            errors["primaryPractitionerId"] = [$"No practitioner with id '{practitionerId}' exists in this tenant."];
        }

        return errors.Count == 0 ? null : FieldErrors.Invalid(errors);
    }

    /// <summary>The X-Audit-Reason header, when sent; at most one value of at most 500 characters.</summary>
    public static string? AuditReason(HttpContext http) => http.Request.Headers[AuditReasonHeader].ToString() is { Length: > 0 } reason ? reason : null;

    public static string? AuditReasonProblem(HttpContext http)
    {
        var values = http.Request.Headers[AuditReasonHeader];
        return values.Count > 1 ? "Send at most one reason."
            : values.ToString().Length > AuditRecord.MaxReasonLength ? $"The reason must be at most {AuditRecord.MaxReasonLength} characters."
            : null;
    }

}

internal static class PatientProblems
{
    public static ForbiddenProblem ClinicalWriteForbidden => new(
        "Clinical fields need clinical.write.",
        "Height, weight, allergies, conditions, past surgeries and current medications can only be recorded by clinical staff.");

    public static ForbiddenProblem DemographicsWriteForbidden => new(
        "Demographics need patients.write.",
        "This role may change clinical fields only; leave the other fields out of the patch.");

    public static ConflictProblem PossibleDuplicates(IReadOnlyList<DuplicateCandidate> candidates) => new(
        "The patient may already be registered.",
        "Existing patients match this registration. Open one of the candidates, or register anyway with \"confirmNotDuplicate\": true.",
        new Dictionary<string, object?>
        {
            ["candidates"] = candidates.Select(c => new { id = c.Id, mrn = c.Mrn, reason = c.Reason, score = c.Score }).ToList(),
        });
}
