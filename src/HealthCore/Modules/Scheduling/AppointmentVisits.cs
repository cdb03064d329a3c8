using HealthCore.Modules.Scheduling.Contracts;
using HealthCore.Platform.Http;
using Microsoft.EntityFrameworkCore;

namespace HealthCore.Modules.Scheduling;

internal sealed class AppointmentVisits(SchedulingDb db) : IAppointmentVisits
{
    private static readonly AppointmentStatus[] Attended = [AppointmentStatus.CheckedIn, AppointmentStatus.InProgress, AppointmentStatus.Completed];

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
}
