using HealthCore.Platform.Database;

namespace HealthCore.Modules.Clinical;

/// <summary>FHIR Condition.extension diagnosis rank: the main reason for the encounter, or one of the others.</summary>
internal enum DiagnosisRank
{
    Primary,
    Secondary,
}

/// <summary>FHIR condition-clinical.</summary>
internal enum ConditionClinicalStatus
{
    Active,
    Recurrence,
    Relapse,
    Inactive,
    Remission,
    Resolved,
}

/// <summary>FHIR condition-ver-status.</summary>
internal enum ConditionVerificationStatus
{
    Unconfirmed,
    Provisional,
    Differential,
    Confirmed,
    Refuted,
    EnteredInError,
}

/// <summary>
/// A diagnosis made in an encounter: FHIR R4 Condition with category <c>encounter-diagnosis</c>, coded in ICD-10-CM
/// (the code never changes: a wrong code is entered in error and recorded anew). It belongs to the encounter's
/// facility, so it is as visible as the encounter. At most one standing primary diagnosis per encounter: a partial
/// unique index, so two doctors coding at once cannot both win.
/// </summary>
internal sealed class Diagnosis : ITenantOwned, IVersioned, IFacilityOwned
{
    /// <summary>The rows the one-primary index covers; refuted and entered-in-error diagnoses no longer stand.</summary>
    public const string StandingPrimaryFilter = "rank = 'Primary' AND verification_status NOT IN ('Refuted', 'EnteredInError')";

    public const int NoteLength = 4000;

    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid TenantId { get; set; }

    public int Version { get; set; }

    public Guid EncounterId { get; init; }

    public Guid PatientId { get; init; }

    public Guid FacilityId { get; init; }

    /// <summary>The dotted ICD-10-CM code (E11.9).</summary>
    public required string Code { get; init; }

    /// <summary>The code's description in the catalogue when it was recorded.</summary>
    public required string Display { get; init; }

    public DiagnosisRank Rank { get; set; }

    public ConditionClinicalStatus ClinicalStatus { get; set; }

    public ConditionVerificationStatus VerificationStatus { get; set; }

    public DateTimeOffset? OnsetAt { get; init; }

    public string? Note { get; init; }

    public DateTimeOffset RecordedAt { get; init; }

    public Guid? RecorderId { get; init; }

    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Why it was entered in error; set once, with <see cref="ConditionVerificationStatus.EnteredInError"/>.</summary>
    public string? EnteredInErrorReason { get; set; }

    public bool IsEnteredInError => VerificationStatus == ConditionVerificationStatus.EnteredInError;

    /// <summary>Whether it still describes the patient in this encounter (the close gate's test).</summary>
    public bool IsActiveAndStanding =>
        ClinicalStatus is ConditionClinicalStatus.Active or ConditionClinicalStatus.Recurrence or ConditionClinicalStatus.Relapse
        && VerificationStatus is not (ConditionVerificationStatus.Refuted or ConditionVerificationStatus.EnteredInError);
}
