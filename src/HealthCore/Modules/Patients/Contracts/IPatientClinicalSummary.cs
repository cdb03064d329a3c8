namespace HealthCore.Modules.Patients.Contracts;

/// <summary>One of a patient's allergies as the patient record summarises it; the record itself is GET /api/v1/allergies/{id}.</summary>
/// <param name="System">The substance's code system (SNOMED CT, RxNorm, UNII...), when coded.</param>
/// <param name="Criticality">low, high or unableToAssess.</param>
/// <param name="ClinicalStatus">active, inactive or resolved.</param>
/// <param name="VerificationStatus">unconfirmed, presumed or confirmed.</param>
/// <param name="Reactions">The manifestations of its reactions, as displayed.</param>
/// <param name="Severity">The worst severity of its reactions: mild, moderate or severe.</param>
internal sealed record PatientAllergySummary(
    Guid Id,
    string Substance,
    string? System,
    string? Code,
    string? Criticality,
    string? ClinicalStatus,
    string VerificationStatus,
    IReadOnlyList<string> Reactions,
    string? Severity,
    DateTimeOffset RecordedAt);

/// <summary>One entry of a patient's problem list as the patient record summarises it; the entry itself is GET /api/v1/problems/{id}.</summary>
/// <param name="ClinicalStatus">active, recurrence, relapse, inactive, remission or resolved.</param>
/// <param name="VerificationStatus">unconfirmed, provisional, differential or confirmed.</param>
internal sealed record PatientConditionSummary(
    Guid Id,
    string? System,
    string? Code,
    string Display,
    string? ClinicalStatus,
    string VerificationStatus,
    DateTimeOffset? OnsetAt);

/// <summary>A patient's allergies and problem list, without the records entered in error or refuted.</summary>
internal sealed record PatientClinicalSummary(IReadOnlyList<PatientAllergySummary> Allergies, IReadOnlyList<PatientConditionSummary> Conditions)
{
    public static readonly PatientClinicalSummary Empty = new([], []);
}

/// <summary>
/// Reads the clinical summary the patient record shows (its allergies and conditions), kept by the Clinical module:
/// the patient record holds no copy of its own. Implemented outside the Patients module.
/// </summary>
internal interface IPatientClinicalSummary
{
    /// <summary>The summary of each patient of the current tenant asked for (an empty one for patients without records), in one round trip.</summary>
    Task<IReadOnlyDictionary<Guid, PatientClinicalSummary>> ForPatientsAsync(IReadOnlyCollection<Guid> patientIds, CancellationToken cancellationToken);
}
