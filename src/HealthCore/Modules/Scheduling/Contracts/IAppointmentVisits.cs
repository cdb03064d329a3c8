namespace HealthCore.Modules.Scheduling.Contracts;

/// <summary>Reads the current tenant's appointments for modules that build on visits (clinical encounters, the patient timeline).</summary>
internal interface IAppointmentVisits
{
    /// <summary>The appointments patients attended (checked in, in progress or completed) starting in [from, to), latest first, at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<AttendedAppointment>> AttendedAsync(DateTimeOffset from, DateTimeOffset to, int limit, CancellationToken cancellationToken);
}

/// <summary>An attended appointment.</summary>
/// <param name="Status">checkedIn, inProgress or completed.</param>
/// <param name="StatusChangedAt">When it reached that status (for a completed one, when it was completed).</param>
internal sealed record AttendedAppointment(
    Guid AppointmentId, Guid PatientId, Guid? PractitionerId, Guid DepartmentId, DateTimeOffset StartsAt, DateTimeOffset EndsAt, string Status,
    DateTimeOffset StatusChangedAt);
