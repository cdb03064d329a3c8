namespace HealthCore.Modules.Patients.Contracts;

/// <summary>A patient was registered in the tenant of the outbox message.</summary>
internal sealed record PatientRegistered(Guid PatientId, string Mrn);

/// <summary>A patient's record changed; <paramref name="ChangedFields"/> are JSON field names such as "telecom" or "allergies".</summary>
internal sealed record PatientUpdated(Guid PatientId, int Version, IReadOnlyList<string> ChangedFields);

/// <summary>A patient was deactivated (soft-deleted) for the given reason; the record and its MRN remain.</summary>
internal sealed record PatientDeactivated(Guid PatientId, string Reason);
