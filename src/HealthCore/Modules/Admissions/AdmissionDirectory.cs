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

    /// <summary>The time zone whose midnights count for census and length of stay.</summary>
    Task<TimeZoneInfo> TimeZoneAsync(CancellationToken cancellationToken);
}

/// <summary>
/// The production directory over the Patients and Practitioners contracts and the tenant's settings. A deceased or
/// deactivated patient is inactive. Midnights are the tenant's time zone's: facilities may name their own zone, but no
/// contract exposes it yet, so every ward of a tenant counts days alike.
/// </summary>
internal sealed class AdmissionDirectory(IPatientDirectory patients, IPractitionerDirectory practitioners, ITenantSettings settings) : IAdmissionDirectory
{
    public async Task<PatientFacts?> FindPatientAsync(Guid patientId, CancellationToken cancellationToken) =>
        await patients.FindAsync(patientId, cancellationToken) is { } patient
            ? new PatientFacts(patient.Id, patient.DisplayName, GenderOf(patient.Gender), patient.Active && !patient.Deceased)
            : null;

    public async Task<bool> IsActivePractitionerAsync(Guid practitionerId, CancellationToken cancellationToken) =>
        await practitioners.FindPractitionerAsync(practitionerId, cancellationToken) is { Active: true };

    public async Task<bool> IsActiveDepartmentAsync(Guid departmentId, CancellationToken cancellationToken) =>
        await practitioners.FindDepartmentAsync(departmentId, cancellationToken) is { Active: true };

    public async Task<TimeZoneInfo> TimeZoneAsync(CancellationToken cancellationToken) =>
        TimeZoneInfo.TryFindSystemTimeZoneById((await settings.GetAsync(cancellationToken)).TimeZone, out var zone) ? zone : TimeZoneInfo.Utc;

    private static PatientGender GenderOf(string gender) =>
        Enum.TryParse<PatientGender>(gender, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) ? parsed : PatientGender.Unknown;
}
