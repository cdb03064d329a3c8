using System.ComponentModel.DataAnnotations;
using HealthCore.Modules.Patients.Contracts;
using HealthCore.Platform.Database;
using HealthCore.Platform.Http;
using HealthCore.Platform.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace HealthCore.Modules.Clinical;

/// <summary>
/// An allergy or intolerance of the patient, active and unconfirmed unless said otherwise. "No known allergies" is the
/// substance SNOMED CT 716186003, without reactions, criticality, category or type.
/// </summary>
internal sealed record RecordAllergyRequest(
    [Required] ClinicalCode? Substance,
    AllergyType? Type,
    AllergyCategory? Category,
    AllergyCriticality? Criticality,
    AllergyClinicalStatus? ClinicalStatus,
    AllergyVerificationStatus? VerificationStatus,
    [MaxLength(AllergyRules.MaxReactions)] IReadOnlyList<AllergyReaction>? Reactions,
    [PlausibleInstant] DateTimeOffset? OnsetAt,
    [StringLength(AllergyIntolerance.NoteLength)] string? Note,
    Guid? EncounterId) : IValidatableObject
{
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (VerificationStatus == AllergyVerificationStatus.EnteredInError)
        {
            yield return new ValidationResult("An allergy is not recorded entered in error; that is an action on it, with a reason.", [nameof(VerificationStatus)]);
        }

        if (Substance is { } substance && AllergyIntolerance.IsNoKnownAllergyCode(substance.System, substance.Code))
        {
            foreach (var failure in AllergyRules.NoKnownAllergiesFailures(Type, Category, Criticality, Reactions))
            {
                yield return failure;
            }
        }
    }
}

internal static class RecordAllergy
{
    public static async Task<Results<Created<AllergyResponse>, ValidationProblem, NotFoundProblem, ConflictProblem>> Handle(
        Guid id, RecordAllergyRequest request, ClinicalDb db, IPatientDirectory patients, ICurrentTenant tenant, TimeProvider clock, HttpContext http,
        CancellationToken cancellationToken)
    {
        if (await patients.FindAsync(id, cancellationToken) is null)
        {
            return NotFoundProblem.For("Patient", id);
        }

        var now = clock.GetUtcNow();
        var reactions = request.Reactions ?? [];
        if (await PatientRecordRules.CheckEncounterAsync(db, id, request.EncounterId, cancellationToken) is { } encounterProblem)
        {
            return encounterProblem;
        }

        if (PatientRecordRules.CheckNotFuture(now, [("onsetAt", request.OnsetAt), .. reactions.Select((r, i) => ($"reactions[{i}].onsetAt", r.OnsetAt))]) is { } future)
        {
            return future;
        }

        var allergy = new AllergyIntolerance
        {
            PatientId = id,
            EncounterId = request.EncounterId,
            SubstanceSystem = PatientRecordRules.Trimmed(request.Substance!.System),
            SubstanceCode = PatientRecordRules.Trimmed(request.Substance.Code),
            SubstanceDisplay = request.Substance.Display.Trim(),
            Type = request.Type,
            Category = request.Category,
            Criticality = request.Criticality,
            ClinicalStatus = request.ClinicalStatus ?? AllergyClinicalStatus.Active,
            VerificationStatus = request.VerificationStatus ?? AllergyVerificationStatus.Unconfirmed,
            Reactions = AllergyRules.Trimmed(reactions),
            OnsetAt = request.OnsetAt,
            Note = PatientRecordRules.Trimmed(request.Note),
            RecordedAt = now,
            RecorderId = tenant.UserId,
            UpdatedAt = now,
        };
        return await AllergyRules.SaveAsync(db, allergy, RecordHistory.Create, tenant.UserId, cancellationToken) is { } conflict
            ? conflict
            : Created(http, allergy);
    }

    private static Created<AllergyResponse> Created(HttpContext http, AllergyIntolerance allergy)
    {
        http.SetETag(allergy);
        return TypedResults.Created($"/api/v1/allergies/{allergy.Id}", AllergyResponse.From(allergy));
    }
}

internal static class AllergyRules
{
    public const int MaxReactions = 20;

    /// <summary>"No known allergies" says nothing about a substance, so it has no reactions, criticality, category or type.</summary>
    public static IEnumerable<ValidationResult> NoKnownAllergiesFailures(
        AllergyType? type, AllergyCategory? category, AllergyCriticality? criticality, IReadOnlyList<AllergyReaction>? reactions)
    {
        const string Rule = "\"No known allergies\" (SNOMED CT 716186003) has no {0}.";
        var present = new (string Field, bool Present)[]
        {
            ("type", type is not null), ("category", category is not null), ("criticality", criticality is not null), ("reactions", reactions is { Count: > 0 }),
        };
        return present.Where(p => p.Present).Select(p => new ValidationResult(string.Format(System.Globalization.CultureInfo.InvariantCulture, Rule, p.Field), [p.Field]));
    }

    public static IReadOnlyList<AllergyReaction> Trimmed(IEnumerable<AllergyReaction> reactions) =>
        [.. reactions.Select(r => r with { Manifestation = PatientRecordRules.Trimmed(r.Manifestation), Note = PatientRecordRules.Trimmed(r.Note) })];

    /// <summary>
    /// Saves the new or changed allergy with its next history version, unless it contradicts the patient's standing
    /// records: a second active allergy to the same coded substance (decided by the unique index, so racing requests
    /// cannot both win), or "no known allergies" beside an active allergy.
    /// </summary>
    public static async Task<ConflictProblem?> SaveAsync(ClinicalDb db, AllergyIntolerance allergy, string action, Guid? actorId, CancellationToken cancellationToken, string? reason = null)
    {
        if (allergy.IsStanding)
        {
            var nka = allergy.IsNoKnownAllergy;
            var contradicting = await db.Allergies.AnyAsync(
                a => a.PatientId == allergy.PatientId && a.Id != allergy.Id && a.ClinicalStatus == AllergyClinicalStatus.Active
                    && a.VerificationStatus != AllergyVerificationStatus.Refuted && a.VerificationStatus != AllergyVerificationStatus.EnteredInError
                    && (a.SubstanceSystem == ClinicalCode.Snomed && a.SubstanceCode == AllergyIntolerance.NoKnownAllergyCode) != nka,
                cancellationToken);
            if (contradicting)
            {
                return AllergyProblems.ContradictsNoKnownAllergies(nka);
            }
        }

        if (db.Entry(allergy).State == EntityState.Detached)
        {
            db.Allergies.Add(allergy);
        }

        db.Append(allergy, action, allergy.UpdatedAt, actorId, reason);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return null;
        }
        catch (DbUpdateException exception) when (exception.IsUniqueViolation())
        {
            return AllergyProblems.AlreadyRecorded(allergy.Substance);
        }
    }
}
