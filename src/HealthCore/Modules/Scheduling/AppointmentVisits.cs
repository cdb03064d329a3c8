using HealthCore.Modules.Practitioners.Contracts;
using HealthCore.Modules.Scheduling.Contracts;
using HealthCore.Platform.Http;
using HealthCore.Platform.Http.Paging;
using Microsoft.EntityFrameworkCore;

namespace HealthCore.Modules.Scheduling;

internal sealed class AppointmentVisits(SchedulingDb db, IPractitionerDirectory practitioners) : IAppointmentVisits
{
    private static readonly AppointmentStatus[] Attended = [AppointmentStatus.CheckedIn, AppointmentStatus.InProgress, AppointmentStatus.Completed];

    private static readonly AppointmentStatus[] Offers = [AppointmentStatus.Offered, AppointmentStatus.Expired];

    public async Task<IReadOnlyList<AttendedAppointment>> AttendedAsync(DateTimeOffset from, DateTimeOffset to, int limit, CancellationToken cancellationToken)
    {
        var rows = await db.Appointments.AsNoTracking()
            .Where(a => Attended.Contains(a.Status) && a.StartsAt >= from && a.StartsAt < to)
            .OrderByDescending(a => a.StartsAt).ThenByDescending(a => a.Id)
            .Take(limit)
            .ToListAsync(cancellationToken);
        return [.. rows.Select(a => new AttendedAppointment(
            a.Id, a.PatientId, a.PractitionerId, a.DepartmentId, a.StartsAt, a.EndsAt, QueryEnum.Name(a.Status), a.StatusChangedAt))];
    }

    public async Task<IReadOnlyList<PatientAppointment>> OfPatientAsync(Guid patientId, InstantWindow window, CancellationToken cancellationToken)
    {
        await SchedulingFacilityScope.ApplyAsync(db, practitioners, cancellationToken);
        var rows = await db.Appointments.AsNoTracking()
            .Where(a => a.PatientId == patientId && !Offers.Contains(a.Status))
            .Window(a => a.StartsAt, a => a.Id, window)
            .ToListAsync(cancellationToken);
        return [.. rows.Select(a => new PatientAppointment(
            a.Id, a.DepartmentId, a.PractitionerId, a.Modality, a.StartsAt, a.EndsAt, QueryEnum.Name(a.Type), QueryEnum.Name(a.Status)))];
    }
}
