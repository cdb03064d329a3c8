namespace HealthCore.Modules.Admissions;

internal enum PatientGender
{
    Male,
    Female,
    Other,
    Unknown,
}

/// <summary>What admissions needs to know about a patient: whether they may be admitted, the gender ward policies check, a name for the bed board.</summary>
internal sealed record PatientFacts(Guid Id, string? DisplayName, PatientGender Gender, bool Active);

/// <summary>
/// Everything the Admissions module asks other modules (patients, practitioners and departments, tenant settings),
/// behind one seam so that the handlers and the rules do not depend on how those modules answer.
/// </summary>
internal interface IAdmissionDirectory
{
    /// <summary>The patient of the current tenant, or null when there is none with this id.</summary>
    Task<PatientFacts?> FindPatientAsync(Guid patientId, CancellationToken cancellationToken);

    Task<bool> PractitionerExistsAsync(Guid practitionerId, CancellationToken cancellationToken);

    Task<bool> DepartmentExistsAsync(Guid departmentId, CancellationToken cancellationToken);

    /// <summary>The time zone whose midnights count for census and length of stay.</summary>
    Task<TimeZoneInfo> TimeZoneAsync(CancellationToken cancellationToken);
}

/// <summary>
/// The production directory. The Patients and Practitioners contracts and the tenant settings are being built in
/// parallel; until they are merged every id is taken as known, every patient as active with an unrecorded gender, and
/// midnights are UTC's.
/// </summary>
internal sealed class AdmissionDirectory : IAdmissionDirectory
{
    public Task<PatientFacts?> FindPatientAsync(Guid patientId, CancellationToken cancellationToken) =>
        Task.FromResult<PatientFacts?>(new PatientFacts(patientId, null, PatientGender.Unknown, Active: true));

    public Task<bool> PractitionerExistsAsync(Guid practitionerId, CancellationToken cancellationToken) => Task.FromResult(true);

    public Task<bool> DepartmentExistsAsync(Guid departmentId, CancellationToken cancellationToken) => Task.FromResult(true);

    public Task<TimeZoneInfo> TimeZoneAsync(CancellationToken cancellationToken) => Task.FromResult(TimeZoneInfo.Utc);
}
