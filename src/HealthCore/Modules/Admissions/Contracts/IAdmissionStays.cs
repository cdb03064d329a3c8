using HealthCore.Platform.Http.Paging;

namespace HealthCore.Modules.Admissions.Contracts;

/// <summary>Reads the current tenant's admissions for modules that build on hospital stays (clinical encounters, the patient timeline).</summary>
internal interface IAdmissionStays
{
    /// <summary>Admissions that began in [from, to), latest first, at most <paramref name="limit"/>; cancelled ones are left out.</summary>
    Task<IReadOnlyList<AdmissionStay>> AdmittedAsync(DateTimeOffset from, DateTimeOffset to, int limit, CancellationToken cancellationToken);

    /// <summary>
    /// The patient's movements of one kind (from each admission's event stream) that happened in the window, latest
    /// first (occurredAt desc, event id desc), of the admissions in the caller's facilities; movements of cancelled
    /// admissions (entered in error) only when <paramref name="includeCancelled"/>.
    /// </summary>
    Task<IReadOnlyList<StayMovement>> MovementsOfPatientAsync(
        Guid patientId, StayMovementKind kind, InstantWindow window, bool includeCancelled, CancellationToken cancellationToken);
}

/// <summary>A hospital stay: when it began and, once discharged, when it ended.</summary>
/// <param name="AdmissionType">elective, emergency, transferIn or dayCase.</param>
internal sealed record AdmissionStay(
    Guid AdmissionId, Guid PatientId, Guid DepartmentId, Guid AdmittingPractitionerId, string AdmissionType, DateTimeOffset AdmittedAt,
    DateTimeOffset? DischargedAt);

internal enum StayMovementKind
{
    Admission,
    Transfer,
    Discharge,
}

/// <summary>A patient was admitted, moved to another bed or ward, or discharged.</summary>
/// <param name="EventId">The event in the admission's stream (GET /api/v1/admissions/{id}/events).</param>
/// <param name="AdmissionType">elective, emergency, transferIn or dayCase.</param>
/// <param name="AdmissionStatus">pending, active, discharged or cancelled: the admission's status now.</param>
/// <param name="WardId">The ward moved into (none for a discharge, nor for an admission still waiting for a bed).</param>
internal sealed record StayMovement(
    Guid EventId, Guid AdmissionId, DateTimeOffset OccurredAt, string AdmissionType, string AdmissionStatus, Guid? WardId, Guid? FromWardId);
