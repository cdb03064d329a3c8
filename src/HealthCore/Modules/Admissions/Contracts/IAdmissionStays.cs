namespace HealthCore.Modules.Admissions.Contracts;

/// <summary>Reads the current tenant's admissions for modules that build on hospital stays (clinical encounters, the patient timeline).</summary>
internal interface IAdmissionStays
{
    /// <summary>Admissions that began in [from, to), latest first, at most <paramref name="limit"/>; cancelled ones are left out.</summary>
    Task<IReadOnlyList<AdmissionStay>> AdmittedAsync(DateTimeOffset from, DateTimeOffset to, int limit, CancellationToken cancellationToken);
}

/// <summary>A hospital stay: when it began and, once discharged, when it ended.</summary>
/// <param name="AdmissionType">elective, emergency, transferIn or dayCase.</param>
internal sealed record AdmissionStay(
    Guid AdmissionId, Guid PatientId, Guid DepartmentId, Guid AdmittingPractitionerId, string AdmissionType, DateTimeOffset AdmittedAt,
    DateTimeOffset? DischargedAt);
