using HealthCore.Modules.Identity.Contracts;
using HealthCore.Modules.Patients.Contracts;
using HealthCore.Modules.Practitioners.Contracts;

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

/// <summary>What admissions needs to know about a facility: whether wards may be opened there, and the zone its days are counted in.</summary>
internal sealed record FacilityFacts(Guid Id, bool Active, TimeZoneInfo TimeZone);

/// <summary>
/// Everything the Admissions module asks other modules (patients, practitioners and departments, tenant settings),
/// behind one seam so that the handlers and the rules do not depend on how those modules answer.
/// </summary>
internal interface IAdmissionDirectory
{
    /// <summary>The patient of the current tenant, or null when there is none with this id.</summary>
    Task<PatientFacts?> FindPatientAsync(Guid patientId, CancellationToken cancellationToken);

    /// <summary>An active practitioner of the current tenant has this id.</summary>
    Task<bool> IsActivePractitionerAsync(Guid practitionerId, CancellationToken cancellationToken);

    /// <summary>An active department of the current tenant has this id.</summary>
    Task<bool> IsActiveDepartmentAsync(Guid departmentId, CancellationToken cancellationToken);

    /// <summary>The facility of the department of the current tenant, or null when there is no such department.</summary>
    Task<Guid?> FacilityOfDepartmentAsync(Guid departmentId, CancellationToken cancellationToken);

    /// <summary>The facility of the current tenant, or null when there is none with this id.</summary>
    Task<FacilityFacts?> FindFacilityAsync(Guid facilityId, CancellationToken cancellationToken);

    /// <summary>
    /// The time zone whose midnights count for census and length of stay: the facility's when one is given and known,
    /// else the tenant's.
    /// </summary>
    Task<TimeZoneInfo> TimeZoneAsync(Guid? facilityId, CancellationToken cancellationToken);
}

/// <summary>
/// The production directory over the Patients, Practitioners and Identity (facilities, tenant settings) contracts. A
/// deceased or deactivated patient is inactive. A ward counts days in its facility's time zone.
/// </summary>
internal sealed class AdmissionDirectory(
    IPatientDirectory patients, IPractitionerDirectory practitioners, IFacilityDirectory facilities, ITenantSettings settings) : IAdmissionDirectory
{
    public async Task<PatientFacts?> FindPatientAsync(Guid patientId, CancellationToken cancellationToken) =>
        await patients.FindAsync(patientId, cancellationToken) is { } patient
            ? new PatientFacts(patient.Id, patient.DisplayName, GenderOf(patient.Gender), patient.Active && !patient.Deceased)
            : null;

    public async Task<bool> IsActivePractitionerAsync(Guid practitionerId, CancellationToken cancellationToken) =>
        await practitioners.FindPractitionerAsync(practitionerId, cancellationToken) is { Active: true };

    public async Task<bool> IsActiveDepartmentAsync(Guid departmentId, CancellationToken cancellationToken) =>
        await practitioners.FindDepartmentAsync(departmentId, cancellationToken) is { Active: true };

    public async Task<Guid?> FacilityOfDepartmentAsync(Guid departmentId, CancellationToken cancellationToken) =>
        (await practitioners.FindDepartmentAsync(departmentId, cancellationToken))?.FacilityId;

    public async Task<FacilityFacts?> FindFacilityAsync(Guid facilityId, CancellationToken cancellationToken) =>
        await facilities.FindAsync(facilityId, cancellationToken) is { } facility
            ? new FacilityFacts(
                facility.Id,
                facility.Active,
                TimeZoneInfo.TryFindSystemTimeZoneById(facility.TimeZone, out var zone) ? zone : await TenantTimeZoneAsync(cancellationToken))
            : null;

    public async Task<TimeZoneInfo> TimeZoneAsync(Guid? facilityId, CancellationToken cancellationToken) =>
        facilityId is { } id && await FindFacilityAsync(id, cancellationToken) is { } facility ? facility.TimeZone : await TenantTimeZoneAsync(cancellationToken);

    private async Task<TimeZoneInfo> TenantTimeZoneAsync(CancellationToken cancellationToken) =>
        TimeZoneInfo.TryFindSystemTimeZoneById((await settings.GetAsync(cancellationToken)).TimeZone, out var zone) ? zone : TimeZoneInfo.Utc;

    private static PatientGender GenderOf(string gender) =>
        Enum.TryParse<PatientGender>(gender, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) ? parsed : PatientGender.Unknown;
}
