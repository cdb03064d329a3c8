using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using HealthCore.Platform.Database;
using HealthCore.Platform.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace HealthCore.Modules.Clinical;

/// <summary>
/// What a PATCH may change of a diagnosis: its rank and statuses. The code is not among them (sending it is an
/// unknown-property 400): a wrong code is entered in error and recorded anew.
/// </summary>
internal sealed record DiagnosisStatusInput(
    [Required] DiagnosisRank? Rank,
    [Required] ConditionClinicalStatus? ClinicalStatus,
    [Required] ConditionVerificationStatus? VerificationStatus) : IValidatableObject
{
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (VerificationStatus == ConditionVerificationStatus.EnteredInError)
        {
            yield return new ValidationResult("Entering a diagnosis in error is an action on it, with a reason: POST /api/v1/diagnoses/{id}/entered-in-error.", [nameof(VerificationStatus)]);
        }
    }
}

internal static class UpdateDiagnosis
{
    public static async Task<Results<Ok<DiagnosisResponse>, ValidationProblem, NotFoundProblem, ConflictProblem, PreconditionProblem>> Handle(
        Guid id, [FromBody] JsonElement patch, ClinicalDb db, MergePatch mergePatch, TimeProvider clock, HttpContext http, CancellationToken cancellationToken)
    {
        var diagnosis = await db.Diagnoses.SingleOrDefaultAsync(d => d.Id == id, cancellationToken);
        if (diagnosis is null)
        {
            return NotFoundProblem.For("Diagnosis", id);
        }

        if (db.CheckIfMatch(http.Request, diagnosis) is { } precondition)
        {
            return precondition;
        }

        if (diagnosis.IsEnteredInError)
        {
            return DiagnosisProblems.EnteredInError();
        }

        var (input, problem) = mergePatch.Apply(new DiagnosisStatusInput(diagnosis.Rank, diagnosis.ClinicalStatus, diagnosis.VerificationStatus), patch);
        if (problem is not null)
        {
            return problem;
        }

        diagnosis.Rank = input!.Rank!.Value;
        diagnosis.ClinicalStatus = input.ClinicalStatus!.Value;
        diagnosis.VerificationStatus = input.VerificationStatus!.Value;
        diagnosis.UpdatedAt = clock.GetUtcNow();
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException exception) when (exception.IsUniqueViolation())
        {
            return DiagnosisProblems.SecondPrimary(diagnosis.EncounterId);
        }

        http.SetETag(diagnosis);
        return TypedResults.Ok(DiagnosisResponse.From(diagnosis));
    }
}
