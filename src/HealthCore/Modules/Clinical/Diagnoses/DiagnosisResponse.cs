namespace HealthCore.Modules.Clinical;

/// <summary>A diagnosis of an encounter (FHIR Condition, category encounter-diagnosis), coded in ICD-10-CM.</summary>
/// <param name="System">The code system of <paramref name="Code"/>: ICD-10-CM.</param>
internal sealed record DiagnosisResponse(
    Guid Id,
    Guid EncounterId,
    Guid PatientId,
    string Category,
    string System,
    string Code,
    string Display,
    DiagnosisRank Rank,
    ConditionClinicalStatus ClinicalStatus,
    ConditionVerificationStatus VerificationStatus,
    DateTimeOffset? OnsetAt,
    string? Note,
    DateTimeOffset RecordedAt,
    Guid? RecorderId,
    DateTimeOffset UpdatedAt,
    string? EnteredInErrorReason,
    int Version)
{
    public const string EncounterDiagnosis = "encounter-diagnosis";
    public const string Icd10Cm = "http://hl7.org/fhir/sid/icd-10-cm";

    public static DiagnosisResponse From(Diagnosis d) =>
        new(
            d.Id, d.EncounterId, d.PatientId, EncounterDiagnosis, Icd10Cm, d.Code, d.Display, d.Rank, d.ClinicalStatus, d.VerificationStatus, d.OnsetAt,
            d.Note, d.RecordedAt, d.RecorderId, d.UpdatedAt, d.EnteredInErrorReason, d.Version);
}

/// <summary>An encounter's diagnoses, primary first, then in the order they were recorded.</summary>
internal sealed record DiagnosisList(IReadOnlyList<DiagnosisResponse> Items);
