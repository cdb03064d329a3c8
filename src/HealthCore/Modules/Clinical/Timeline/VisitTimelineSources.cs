using HealthCore.Modules.Admissions.Contracts;
using HealthCore.Modules.Clinical.Contracts;
using HealthCore.Modules.Identity.Contracts;
using HealthCore.Modules.Scheduling.Contracts;
using HealthCore.Platform.Http;
using Microsoft.EntityFrameworkCore;

namespace HealthCore.Modules.Clinical.Timeline;

/// <summary>The patient's appointments from Scheduling, at their start, linked to the encounter of the visit once there is one.</summary>
internal sealed class AppointmentTimelineSource(IAppointmentVisits appointments, ClinicalDb db) : IPatientTimelineSource
{
    public TimelineKind Kind { get; } = new("appointment", Permissions.AppointmentsRead);

    public async Task<IReadOnlyList<TimelineEntry>> ReadAsync(TimelineRequest request, CancellationToken cancellationToken)
    {
        var page = await appointments.OfPatientAsync(request.PatientId, request.Window, cancellationToken);
        var ids = page.Select(a => (Guid?)a.AppointmentId).ToList();
        var encounters = await db.Encounters.AsNoTracking().Where(e => ids.Contains(e.AppointmentId))
            .Select(e => new { e.Id, Visit = e.AppointmentId!.Value }).ToListAsync(cancellationToken);
        return [.. page.Select(a => new TimelineEntry(
            a.AppointmentId, a.StartsAt, $"Appointment ({a.Type})", a.Status, false, encounters.Find(e => e.Visit == a.AppointmentId)?.Id,
            $"/api/v1/appointments/{a.AppointmentId}"))];
    }
}

/// <summary>
/// One kind of hospital stay movement (admission, transfer or discharge) from the Admissions event streams, linked to
/// the stay's inpatient encounter. A cancelled admission was entered in error: its movements count as such.
/// </summary>
internal sealed class StayTimelineSource(StayMovementKind movement, IAdmissionStays stays, ClinicalDb db) : IPatientTimelineSource
{
    private const string CancelledStatus = "cancelled";

    public TimelineKind Kind { get; } = new(QueryEnum.Name(movement), Permissions.AdmissionsRead);

    public async Task<IReadOnlyList<TimelineEntry>> ReadAsync(TimelineRequest request, CancellationToken cancellationToken)
    {
        var page = await stays.MovementsOfPatientAsync(request.PatientId, movement, request.Window, request.IncludeEnteredInError, cancellationToken);
        var ids = page.Select(m => (Guid?)m.AdmissionId).Distinct().ToList();
        var encounters = await db.Encounters.AsNoTracking().Where(e => ids.Contains(e.AdmissionId))
            .Select(e => new { e.Id, Stay = e.AdmissionId!.Value }).ToListAsync(cancellationToken);
        return [.. page.Select(m => new TimelineEntry(
            m.EventId, m.OccurredAt, Title(m), m.AdmissionStatus, m.AdmissionStatus == CancelledStatus, encounters.Find(e => e.Stay == m.AdmissionId)?.Id,
            $"/api/v1/admissions/{m.AdmissionId}"))];
    }

    private string Title(StayMovement m) => movement switch
    {
        StayMovementKind.Admission => $"Admission ({m.AdmissionType})",
        StayMovementKind.Transfer => "Transfer",
        _ => "Discharge",
    };
}
