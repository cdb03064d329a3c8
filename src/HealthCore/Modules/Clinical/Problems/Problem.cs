using HealthCore.Platform.Database;

namespace HealthCore.Modules.Clinical;

/// <summary>
/// An entry of the patient's problem list: FHIR R4 Condition with category <c>problem-list-item</c>, coded in ICD-10-CM
/// (checked against the catalogue), in another code system, or named only. Unlike an encounter's diagnosis it belongs
/// to the patient, not to a facility, and outlives the encounter it was recorded in (or promoted from).
/// </summary>
internal sealed class Problem : ITenantOwned, IPatientRecord<ProblemResponse>
{
    public const int NoteLength = 4000;

    /// <summary>A diagnosis is promoted to the problem list once; one entered in error no longer counts.</summary>
    public const string StandingPromotionFilter = "diagnosis_id IS NOT NULL AND verification_status <> 'EnteredInError'";

    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid TenantId { get; set; }

    public int Version { get; set; }

    public Guid PatientId { get; init; }

    public Guid? EncounterId { get; init; }

    /// <summary>The encounter diagnosis this entry was promoted from, if any.</summary>
    public Guid? DiagnosisId { get; init; }

    public string? CodeSystem { get; init; }

    public string? Code { get; init; }

    public required string Display { get; init; }

    /// <summary>Absent (null) exactly when the entry is entered in error, as FHIR requires.</summary>
    public ConditionClinicalStatus? ClinicalStatus { get; set; }

    public ConditionVerificationStatus VerificationStatus { get; set; }

    public DateTimeOffset? OnsetAt { get; set; }

    public DateTimeOffset? AbatementAt { get; set; }

    public string? Note { get; set; }

    public DateTimeOffset RecordedAt { get; init; }

    public Guid? RecorderId { get; init; }

    public DateTimeOffset UpdatedAt { get; set; }

    public string? EnteredInErrorReason { get; set; }

    public ClinicalCode Concept => new(CodeSystem, Code, Display);

    public bool IsEnteredInError => VerificationStatus == ConditionVerificationStatus.EnteredInError;

    public ProblemResponse State(int version) => ProblemResponse.From(this, version);

    public void EnterInError(string reason, DateTimeOffset at)
    {
        ClinicalStatus = null;
        VerificationStatus = ConditionVerificationStatus.EnteredInError;
        EnteredInErrorReason = reason;
        UpdatedAt = at;
    }
}
