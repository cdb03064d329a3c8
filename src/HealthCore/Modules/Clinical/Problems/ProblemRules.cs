using System.ComponentModel.DataAnnotations;
using HealthCore.Platform.Database;
using HealthCore.Platform.Http;
using Microsoft.EntityFrameworkCore;

namespace HealthCore.Modules.Clinical;

internal static class ProblemRules
{
    /// <summary>The FHIR Condition rules on statuses and dates that a create and a patch share.</summary>
    public static IEnumerable<ValidationResult> StatusFailures(
        ConditionClinicalStatus? clinicalStatus, ConditionVerificationStatus? verificationStatus, DateTimeOffset? onsetAt, DateTimeOffset? abatementAt)
    {
        if (verificationStatus == ConditionVerificationStatus.EnteredInError)
        {
            yield return new ValidationResult("Entering a problem in error is an action on it, with a reason: POST /api/v1/problems/{id}/entered-in-error.", ["verificationStatus"]);
        }

        // FHIR con-4: an abated condition is inactive, in remission or resolved.
        if (abatementAt is not null && clinicalStatus is not (null or ConditionClinicalStatus.Inactive or ConditionClinicalStatus.Remission or ConditionClinicalStatus.Resolved))
        {
            yield return new ValidationResult("A problem with an abatement is inactive, in remission or resolved.", ["clinicalStatus"]);
        }

        if (abatementAt < onsetAt)
        {
            yield return new ValidationResult("The abatement may not be before the onset.", ["abatementAt"]);
        }
    }

    /// <summary>Saves the new or changed problem with its next history version; a diagnosis promoted twice answers 409 (the unique index decides).</summary>
    public static async Task<ConflictProblem?> SaveAsync(ClinicalDb db, Problem problem, string action, Guid? actorId, CancellationToken cancellationToken, string? reason = null)
    {
        if (db.Entry(problem).State == EntityState.Detached)
        {
            db.Problems.Add(problem);
        }

        db.Append(problem, action, problem.UpdatedAt, actorId, reason);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return null;
        }
        catch (DbUpdateException exception) when (exception.IsUniqueViolation())
        {
            return AlreadyPromoted(problem.DiagnosisId);
        }
    }

    public static ConflictProblem AlreadyPromoted(Guid? diagnosisId) =>
        new("The diagnosis is already on the problem list.",
            $"Diagnosis {diagnosisId} was promoted to the problem list before; update that entry instead.",
            new Dictionary<string, object?> { ["rule"] = "diagnosis-promoted-once" });

    public static ConflictProblem DiagnosisEnteredInError() =>
        new("The diagnosis is entered in error.", "A diagnosis entered in error is not promoted to the problem list.",
            new Dictionary<string, object?> { ["rule"] = "diagnosis-entered-in-error" });

    public static ConflictProblem EnteredInError() =>
        new("The problem is entered in error.", "A problem entered in error stays as it is; record a new one instead.",
            new Dictionary<string, object?> { ["rule"] = "problem-entered-in-error" });
}
