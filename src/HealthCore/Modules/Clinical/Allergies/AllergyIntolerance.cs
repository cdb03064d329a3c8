using System.ComponentModel.DataAnnotations;
using HealthCore.Platform.Database;
using HealthCore.Platform.Http;

namespace HealthCore.Modules.Clinical;

/// <summary>FHIR allergy-intolerance-category.</summary>
internal enum AllergyCategory
{
    Food,
    Medication,
    Environment,
    Biologic,
}

/// <summary>FHIR allergy-intolerance-criticality: the potential for a future life-threatening reaction.</summary>
internal enum AllergyCriticality
{
    Low,
    High,
    UnableToAssess,
}

/// <summary>FHIR allergy-intolerance-type: an immune response, or a non-immune one.</summary>
internal enum AllergyType
{
    Allergy,
    Intolerance,
}

/// <summary>FHIR allergyintolerance-clinical.</summary>
internal enum AllergyClinicalStatus
{
    Active,
    Inactive,
    Resolved,
}

/// <summary>FHIR allergyintolerance-verification.</summary>
internal enum AllergyVerificationStatus
{
    Unconfirmed,
    Presumed,
    Confirmed,
    Refuted,
    EnteredInError,
}

/// <summary>FHIR reaction-event-severity.</summary>
internal enum ReactionSeverity
{
    Mild,
    Moderate,
    Severe,
}

/// <summary>
/// A coded (or only named) concept: a system and code when known (SNOMED CT, RxNorm, UNII, ICD-10-CM...), and always
/// the words a clinician reads.
/// </summary>
internal sealed record ClinicalCode(
    [StringLength(ClinicalCode.SystemLength, MinimumLength = 1)] string? System,
    [StringLength(ClinicalCode.CodeLength, MinimumLength = 1)] string? Code,
    [Required, StringLength(ClinicalCode.DisplayLength, MinimumLength = 1)] string Display) : IValidatableObject
{
    public const int SystemLength = 200;
    public const int CodeLength = 100;
    public const int DisplayLength = 500;

    public const string Snomed = "http://snomed.info/sct";

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if ((System is null) != (Code is null))
        {
            yield return new ValidationResult("A code needs its system and a system its code; send only display for a concept without a code.", [System is null ? nameof(System) : nameof(Code)]);
        }
    }
}

/// <summary>FHIR AllergyIntolerance.reaction: what happened (a manifestation as text or code), how badly, and when.</summary>
internal sealed record AllergyReaction(
    [Required] ClinicalCode Manifestation,
    ReactionSeverity? Severity,
    [PlausibleInstant] DateTimeOffset? OnsetAt,
    [StringLength(AllergyIntolerance.NoteLength)] string? Note);

/// <summary>
/// One allergy or intolerance of a patient (FHIR R4 AllergyIntolerance), or the statement that the patient has no known
/// allergies (SNOMED CT 716186003). Patients are not facility-owned, so neither are their allergies: every clinician of
/// the tenant sees them. At most one standing active record per coded substance: a partial unique index, so two
/// clinicians recording at once cannot both add it.
/// </summary>
internal sealed class AllergyIntolerance : ITenantOwned, IPatientRecord<AllergyResponse>
{
    public const string NoKnownAllergyCode = "716186003";
    public const int NoteLength = 4000;

    /// <summary>The rows the one-per-substance index covers: active, coded, and neither refuted nor entered in error.</summary>
    public const string StandingActiveFilter =
        "clinical_status = 'Active' AND substance_code IS NOT NULL AND verification_status NOT IN ('Refuted', 'EnteredInError')";

    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid TenantId { get; set; }

    public int Version { get; set; }

    public Guid PatientId { get; init; }

    /// <summary>The encounter it was recorded in, if any.</summary>
    public Guid? EncounterId { get; init; }

    public string? SubstanceSystem { get; init; }

    public string? SubstanceCode { get; init; }

    public required string SubstanceDisplay { get; init; }

    public AllergyType? Type { get; init; }

    public AllergyCategory? Category { get; init; }

    public AllergyCriticality? Criticality { get; set; }

    /// <summary>Absent (null) exactly when the record is entered in error, as FHIR requires.</summary>
    public AllergyClinicalStatus? ClinicalStatus { get; set; }

    public AllergyVerificationStatus VerificationStatus { get; set; }

    public IReadOnlyList<AllergyReaction> Reactions { get; set; } = [];

    public DateTimeOffset? OnsetAt { get; init; }

    public string? Note { get; set; }

    /// <summary>When it was first recorded (for records from the old patient lists, the date they carried).</summary>
    public DateTimeOffset RecordedAt { get; init; }

    public Guid? RecorderId { get; init; }

    public DateTimeOffset UpdatedAt { get; set; }

    public string? EnteredInErrorReason { get; set; }

    public ClinicalCode Substance => new(SubstanceSystem, SubstanceCode, SubstanceDisplay);

    public bool IsNoKnownAllergy => IsNoKnownAllergyCode(SubstanceSystem, SubstanceCode);

    public bool IsEnteredInError => VerificationStatus == AllergyVerificationStatus.EnteredInError;

    /// <summary>Whether it describes the patient now: active, and neither refuted nor entered in error.</summary>
    public bool IsStanding => ClinicalStatus == AllergyClinicalStatus.Active
        && VerificationStatus is not (AllergyVerificationStatus.Refuted or AllergyVerificationStatus.EnteredInError);

    public static bool IsNoKnownAllergyCode(string? system, string? code) => system == ClinicalCode.Snomed && code == NoKnownAllergyCode;

    public AllergyResponse State(int version) => AllergyResponse.From(this, version);

    public void EnterInError(string reason, DateTimeOffset at)
    {
        ClinicalStatus = null;
        VerificationStatus = AllergyVerificationStatus.EnteredInError;
        EnteredInErrorReason = reason;
        UpdatedAt = at;
    }
}
