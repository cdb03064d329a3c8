using System.ComponentModel.DataAnnotations;
using HealthCore.Modules.Patients.Contracts;
using HealthCore.Platform.Http;
using HealthCore.Platform.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace HealthCore.Modules.Clinical;

/// <summary>
/// What a problem is: an ICD-10-CM code of the catalogue (the default system when only a code is sent; its display is
/// the catalogue's), a code of another system with its display, or a display alone.
/// </summary>
internal sealed record ProblemCode(
    [StringLength(ClinicalCode.SystemLength, MinimumLength = 1)] string? System,
    [StringLength(ClinicalCode.CodeLength, MinimumLength = 1)] string? Code,
    [StringLength(ClinicalCode.DisplayLength, MinimumLength = 1)] string? Display) : IValidatableObject
{
    public bool IsIcd10 => Code is not null && (System is null || System == DiagnosisResponse.Icd10Cm);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (System is not null && Code is null)
        {
            yield return new ValidationResult("A system needs its code; send only display for a problem without a code.", [nameof(Code)]);
        }
        else if (!IsIcd10 && string.IsNullOrWhiteSpace(Display))
        {
            yield return new ValidationResult("A problem not coded in ICD-10-CM needs its display.", [nameof(Display)]);
        }
    }
}

/// <summary>
/// An entry of the patient's problem list: a <c>code</c>, or the <c>diagnosisId</c> of one of the patient's encounter
/// diagnoses to promote (its code, onset and encounter are taken over). Active and confirmed unless said otherwise.
/// </summary>
internal sealed record RecordProblemRequest(
    ProblemCode? Code,
    Guid? DiagnosisId,
    Guid? EncounterId,
    ConditionClinicalStatus? ClinicalStatus,
    ConditionVerificationStatus? VerificationStatus,
    [PlausibleInstant] DateTimeOffset? OnsetAt,
    [PlausibleInstant] DateTimeOffset? AbatementAt,
    [StringLength(Problem.NoteLength)] string? Note) : IValidatableObject
{
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if ((Code is null) == (DiagnosisId is null))
        {
            yield return new ValidationResult("Send either code or diagnosisId (to promote an encounter's diagnosis).", [nameof(Code)]);
        }

        if (DiagnosisId is not null && EncounterId is not null)
        {
            yield return new ValidationResult("A promoted diagnosis brings its own encounter.", [nameof(EncounterId)]);
        }

        foreach (var failure in ProblemRules.StatusFailures(ClinicalStatus, VerificationStatus, OnsetAt, AbatementAt))
        {
            yield return failure;
        }
    }
}

internal static class RecordProblem
{
    public static async Task<Results<Created<ProblemResponse>, ValidationProblem, NotFoundProblem, ConflictProblem>> Handle(
        Guid id, RecordProblemRequest request, ClinicalDb db, Icd10Catalog catalog, IPatientDirectory patients, ICurrentTenant tenant, TimeProvider clock,
        HttpContext http, CancellationToken cancellationToken)
    {
        if (await patients.FindAsync(id, cancellationToken) is null)
        {
            return NotFoundProblem.For("Patient", id);
        }

        var now = clock.GetUtcNow();
        if (PatientRecordRules.CheckNotFuture(now, ("onsetAt", request.OnsetAt), ("abatementAt", request.AbatementAt)) is { } future)
        {
            return future;
        }

        Problem problem;
        if (request.DiagnosisId is { } diagnosisId)
        {
            var diagnosis = await db.Diagnoses.AsNoTracking().SingleOrDefaultAsync(d => d.Id == diagnosisId && d.PatientId == id, cancellationToken);
            if (diagnosis is null)
            {
                return FieldErrors.Invalid("diagnosisId", "No diagnosis of this patient with this id exists in a facility you may see.");
            }

            if (diagnosis.IsEnteredInError)
            {
                return ProblemRules.DiagnosisEnteredInError();
            }

            problem = New(request, id, diagnosis.EncounterId, diagnosis, (DiagnosisResponse.Icd10Cm, diagnosis.Code, diagnosis.Display), tenant.UserId, now);
        }
        else
        {
            if (await PatientRecordRules.CheckEncounterAsync(db, id, request.EncounterId, cancellationToken) is { } encounterProblem)
            {
                return encounterProblem;
            }

            var code = request.Code!;
            (string?, string?, string) concept;
            if (code.IsIcd10)
            {
                if (catalog.Find(code.Code) is not { } found)
                {
                    return FieldErrors.Invalid("code.code", $"'{code.Code!.Trim()}' is not a code of the ICD-10-CM catalogue; search /api/v1/terminology/icd10 for a valid one.");
                }

                concept = (DiagnosisResponse.Icd10Cm, found.Code, found.Display);
            }
            else
            {
                concept = (PatientRecordRules.Trimmed(code.System), PatientRecordRules.Trimmed(code.Code), code.Display!.Trim());
            }

            problem = New(request, id, request.EncounterId, null, concept, tenant.UserId, now);
        }

        // With the statuses it defaults to (active, or the promoted diagnosis's) in place.
        if (ProblemRules.StatusFailures(problem.ClinicalStatus, null, problem.OnsetAt, problem.AbatementAt).FirstOrDefault() is { } failure)
        {
            return FieldErrors.Invalid(failure.MemberNames.Single(), failure.ErrorMessage!);
        }

        if (await ProblemRules.SaveAsync(db, problem, RecordHistory.Create, tenant.UserId, cancellationToken) is { } conflict)
        {
            return conflict;
        }

        http.SetETag(problem);
        return TypedResults.Created($"/api/v1/problems/{problem.Id}", ProblemResponse.From(problem));
    }

    /// <summary>A promoted diagnosis lends its statuses, onset and note where the request leaves them out.</summary>
    private static Problem New(
        RecordProblemRequest request, Guid patientId, Guid? encounterId, Diagnosis? diagnosis, (string? System, string? Code, string Display) concept,
        Guid? recorderId, DateTimeOffset now) => new()
        {
            PatientId = patientId,
            EncounterId = encounterId,
            DiagnosisId = diagnosis?.Id,
            CodeSystem = concept.System,
            Code = concept.Code,
            Display = concept.Display,
            ClinicalStatus = request.ClinicalStatus ?? diagnosis?.ClinicalStatus ?? ConditionClinicalStatus.Active,
            VerificationStatus = request.VerificationStatus ?? diagnosis?.VerificationStatus ?? ConditionVerificationStatus.Confirmed,
            OnsetAt = request.OnsetAt ?? diagnosis?.OnsetAt,
            AbatementAt = request.AbatementAt,
            Note = PatientRecordRules.Trimmed(request.Note) ?? diagnosis?.Note,
            RecordedAt = now,
            RecorderId = recorderId,
            UpdatedAt = now,
        };
}
