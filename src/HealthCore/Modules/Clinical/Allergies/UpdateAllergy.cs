using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using HealthCore.Platform.Http;
using HealthCore.Platform.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace HealthCore.Modules.Clinical;

/// <summary>
/// What a PATCH may change of an allergy: its statuses, criticality, reactions (replaced whole) and note. The substance
/// is not among them (sending it is an unknown-property 400): a wrong substance is entered in error and recorded anew.
/// </summary>
internal sealed record AllergyChanges(
    [Required] AllergyClinicalStatus? ClinicalStatus,
    [Required] AllergyVerificationStatus? VerificationStatus,
    AllergyCriticality? Criticality,
    [Required, MaxLength(AllergyRules.MaxReactions)] IReadOnlyList<AllergyReaction>? Reactions,
    [StringLength(AllergyIntolerance.NoteLength)] string? Note) : IValidatableObject
{
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (VerificationStatus == AllergyVerificationStatus.EnteredInError)
        {
            yield return new ValidationResult("Entering an allergy in error is an action on it, with a reason: POST /api/v1/allergies/{id}/entered-in-error.", [nameof(VerificationStatus)]);
        }
    }
}

internal static class UpdateAllergy
{
    public static async Task<Results<Ok<AllergyResponse>, ValidationProblem, NotFoundProblem, ConflictProblem, PreconditionProblem>> Handle(
        Guid id, [FromBody] JsonElement patch, ClinicalDb db, MergePatch mergePatch, ICurrentTenant tenant, TimeProvider clock, HttpContext http,
        CancellationToken cancellationToken)
    {
        var (allergy, refusal) = await PatientRecordChanges.FindChangeableAsync<AllergyIntolerance, AllergyResponse>(
            db, id, "Allergy", http.Request, ifMatchRequired: true, AllergyProblems.EnteredInError, cancellationToken);
        if (allergy is null)
        {
            return PatientRecordChanges.RefusedChange<AllergyResponse>(refusal!);
        }

        var (changes, problem) = mergePatch.Apply(
            new AllergyChanges(allergy.ClinicalStatus, allergy.VerificationStatus, allergy.Criticality, allergy.Reactions, allergy.Note), patch);
        if (problem is not null)
        {
            return problem;
        }

        if (allergy.IsNoKnownAllergy
            && AllergyRules.NoKnownAllergiesFailures(null, null, changes!.Criticality, changes.Reactions).ToDictionary(f => f.MemberNames.Single(), f => new[] { f.ErrorMessage! })
                is { Count: > 0 } errors)
        {
            return FieldErrors.Invalid(errors);
        }

        var now = clock.GetUtcNow();
        if (PatientRecordRules.CheckNotFuture(now, [.. changes!.Reactions!.Select((r, i) => ($"reactions[{i}].onsetAt", r.OnsetAt))]) is { } future)
        {
            return future;
        }

        allergy.ClinicalStatus = changes.ClinicalStatus;
        allergy.VerificationStatus = changes.VerificationStatus!.Value;
        allergy.Criticality = changes.Criticality;
        allergy.Reactions = AllergyRules.Trimmed(changes.Reactions!);
        allergy.Note = PatientRecordRules.Trimmed(changes.Note);
        allergy.UpdatedAt = now;
        if (await AllergyRules.SaveAsync(db, allergy, RecordHistory.Update, tenant.UserId, cancellationToken) is { } conflict)
        {
            return conflict;
        }

        http.SetETag(allergy);
        return TypedResults.Ok(AllergyResponse.From(allergy));
    }
}
