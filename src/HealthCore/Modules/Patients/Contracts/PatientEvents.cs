namespace HealthCore.Modules.Patients.Contracts;

/// <summary>A patient was registered in the tenant of the outbox message.</summary>
internal sealed record PatientRegistered(Guid PatientId, string Mrn);

/// <summary>A patient's record changed; <paramref name="ChangedFields"/> are JSON field names such as "telecom" or "allergies".</summary>
internal sealed record PatientUpdated(Guid PatientId, int Version, IReadOnlyList<string> ChangedFields);

/// <summary>A patient was deactivated (soft-deleted) for the given reason; the record and its MRN remain.</summary>
internal sealed record PatientDeactivated(Guid PatientId, string Reason);

/// <summary>
/// The allergies and conditions a patient record carried as embedded lists before they became records of their own,
/// published once per patient by migration 202612031505 so that the module keeping them records them. The lists are
/// the JSON the patient record stored (camelCase members and enum values).
/// </summary>
/// <param name="Allergies">Items of { substance, code?, reaction?, severity? (mild|moderate|severe), criticality? (low|high|unableToAssess), status? (active|inactive|resolved), recordedDate? }.</param>
/// <param name="Conditions">Items of { code (ICD-10), display?, onset?, clinicalStatus?, notes? }.</param>
internal sealed record PatientClinicalListsRetired(Guid PatientId, System.Text.Json.JsonElement Allergies, System.Text.Json.JsonElement Conditions);
