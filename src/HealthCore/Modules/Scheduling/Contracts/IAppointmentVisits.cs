using HealthCore.Platform.Http.Paging;

namespace HealthCore.Modules.Scheduling.Contracts;

/// <summary>Reads the current tenant's appointments for modules that build on visits (clinical encounters, the patient timeline).</summary>
internal interface IAppointmentVisits
{
    /// <summary>The appointments patients attended (checked in, in progress or completed) starting in [from, to), latest first, at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<AttendedAppointment>> AttendedAsync(DateTimeOffset from, DateTimeOffset to, int limit, CancellationToken cancellationToken);

    /// <summary>
    /// The patient's appointments in every status but waitlist offers (offered, expired) whose start is in the window,
    /// latest first (startsAt desc, id desc), in the departments of the caller's facilities.
    /// </summary>
    Task<IReadOnlyList<PatientAppointment>> OfPatientAsync(Guid patientId, InstantWindow window, CancellationToken cancellationToken);
}

/// <summary>An attended appointment.</summary>
/// <param name="Status">checkedIn, inProgress or completed.</param>
/// <param name="StatusChangedAt">When it reached that status (for a completed one, when it was completed).</param>
internal sealed record AttendedAppointment(
    Guid AppointmentId, Guid PatientId, Guid? PractitionerId, Guid DepartmentId, DateTimeOffset StartsAt, DateTimeOffset EndsAt, string Status,
    DateTimeOffset StatusChangedAt);

/// <summary>One of a patient's appointments.</summary>
/// <param name="Type">newConsultation, followUp, procedure or imagingExam.</param>
/// <param name="Status">booked, confirmed, checkedIn, inProgress, completed, cancelled or noShow.</param>
internal sealed record PatientAppointment(
    Guid AppointmentId, Guid DepartmentId, Guid? PractitionerId, string? Modality, DateTimeOffset StartsAt, DateTimeOffset EndsAt, string Type, string Status);
