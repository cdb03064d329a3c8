using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using HealthCore.Platform.Http;
using HealthCore.Platform.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace HealthCore.Modules.Clinical;

/// <summary>
/// What a PATCH may change of a problem: its statuses, onset, abatement and note. The code is not among them (sending
/// it is an unknown-property 400): a wrong code is entered in error and recorded anew.
/// </summary>
internal sealed record ProblemChanges(
    [Required] ConditionClinicalStatus? ClinicalStatus,
    [Required] ConditionVerificationStatus? VerificationStatus,
    [PlausibleInstant] DateTimeOffset? OnsetAt,
    [PlausibleInstant] DateTimeOffset? AbatementAt,
    [StringLength(Problem.NoteLength)] string? Note) : IValidatableObject
{
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext) =>
        ProblemRules.StatusFailures(ClinicalStatus, VerificationStatus, OnsetAt, AbatementAt);
}

internal static class UpdateProblem
{
    public static async Task<Results<Ok<ProblemResponse>, ValidationProblem, NotFoundProblem, ConflictProblem, PreconditionProblem>> Handle(
        Guid id, [FromBody] JsonElement patch, ClinicalDb db, MergePatch mergePatch, ICurrentTenant tenant, TimeProvider clock, HttpContext http,
        CancellationToken cancellationToken)
    {
        var (problem, refusal) = await PatientRecordChanges.FindChangeableAsync<Problem, ProblemResponse>(
            db, id, "Problem", http.Request, ifMatchRequired: true, ProblemRules.EnteredInError, cancellationToken);
        if (problem is null)
        {
            return PatientRecordChanges.RefusedChange<ProblemResponse>(refusal!);
        }

        var (changes, invalid) = mergePatch.Apply(
            new ProblemChanges(problem.ClinicalStatus, problem.VerificationStatus, problem.OnsetAt, problem.AbatementAt, problem.Note), patch);
        if (invalid is not null)
        {
            return invalid;
        }

        var now = clock.GetUtcNow();
        if (PatientRecordRules.CheckNotFuture(now, ("onsetAt", changes!.OnsetAt), ("abatementAt", changes.AbatementAt)) is { } future)
        {
            return future;
        }

        problem.ClinicalStatus = changes.ClinicalStatus;
        problem.VerificationStatus = changes.VerificationStatus!.Value;
        problem.OnsetAt = changes.OnsetAt;
        problem.AbatementAt = changes.AbatementAt;
        problem.Note = PatientRecordRules.Trimmed(changes.Note);
        problem.UpdatedAt = now;
        if (await ProblemRules.SaveAsync(db, problem, RecordHistory.Update, tenant.UserId, cancellationToken) is { } conflict)
        {
            return conflict;
        }

        http.SetETag(problem);
        return TypedResults.Ok(ProblemResponse.From(problem));
    }
}
