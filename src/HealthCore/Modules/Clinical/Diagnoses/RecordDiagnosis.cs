using System.ComponentModel.DataAnnotations;
using HealthCore.Platform.Database;
using HealthCore.Platform.Http;
using HealthCore.Platform.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace HealthCore.Modules.Clinical;

/// <summary>
/// A diagnosis for the encounter: an ICD-10-CM code of the catalogue (its display is the catalogue's), secondary,
/// active and confirmed unless said otherwise.
/// </summary>
internal sealed record RecordDiagnosisRequest(
    [Required, StringLength(DiagnosisConfiguration.CodeLength, MinimumLength = 1)] string Code,
    DiagnosisRank? Rank,
    ConditionClinicalStatus? ClinicalStatus,
    ConditionVerificationStatus? VerificationStatus,
    [PlausibleInstant] DateTimeOffset? OnsetAt,
    [StringLength(Diagnosis.NoteLength)] string? Note) : IValidatableObject
{
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (VerificationStatus == ConditionVerificationStatus.EnteredInError)
        {
            yield return new ValidationResult("A diagnosis is not recorded entered in error; that is an action on it, with a reason.", [nameof(VerificationStatus)]);
        }
    }
}

internal static class RecordDiagnosis
{
    public static async Task<Results<Created<DiagnosisResponse>, ValidationProblem, NotFoundProblem, ConflictProblem>> Handle(
        Guid id, RecordDiagnosisRequest request, ClinicalDb db, Icd10Catalog catalog, ICurrentTenant tenant, TimeProvider clock, HttpContext http,
        CancellationToken cancellationToken)
    {
        var encounter = await db.Encounters.AsNoTracking().SingleOrDefaultAsync(e => e.Id == id, cancellationToken);
        if (encounter is null)
        {
            return NotFoundProblem.For("Encounter", id);
        }

        if (encounter.IsVoid)
        {
            return DiagnosisProblems.EncounterVoid(encounter);
        }

        if (catalog.Find(request.Code) is not { } code)
        {
            return FieldErrors.Invalid("code", $"'{request.Code.Trim()}' is not a code of the ICD-10-CM catalogue; search /api/v1/terminology/icd10 for a valid one.");
        }

        var onset = request.OnsetAt;
        var now = clock.GetUtcNow();
        if (onset > now)
        {
            return FieldErrors.Invalid("onsetAt", "The onset may not be in the future.");
        }

        var diagnosis = new Diagnosis
        {
            EncounterId = encounter.Id,
            PatientId = encounter.PatientId,
            FacilityId = encounter.FacilityId,
            Code = code.Code,
            Display = code.Display,
            Rank = request.Rank ?? DiagnosisRank.Secondary,
            ClinicalStatus = request.ClinicalStatus ?? ConditionClinicalStatus.Active,
            VerificationStatus = request.VerificationStatus ?? ConditionVerificationStatus.Confirmed,
            OnsetAt = onset,
            Note = string.IsNullOrWhiteSpace(request.Note) ? null : request.Note.Trim(),
            RecordedAt = now,
            RecorderId = tenant.UserId,
            UpdatedAt = now,
        };
        db.Diagnoses.Add(diagnosis);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException exception) when (exception.IsUniqueViolation())
        {
            return DiagnosisProblems.SecondPrimary(encounter.Id);
        }

        http.SetETag(diagnosis);
        return TypedResults.Created($"/api/v1/diagnoses/{diagnosis.Id}", DiagnosisResponse.From(diagnosis));
    }
}
