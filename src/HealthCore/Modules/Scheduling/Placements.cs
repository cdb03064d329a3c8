using Microsoft.EntityFrameworkCore;

namespace HealthCore.Modules.Scheduling;

/// <summary>
/// Where an interval of a resource falls: the schedule whose availability holds it and the slots it occupies, with the
/// places taken per slot start around it as committed data showed them when it was found (a hint; the ledger decides).
/// </summary>
internal sealed record Placement(
    Schedule Schedule, TimeZoneInfo Zone, IReadOnlyList<Slot> Slots, DateTimeOffset StartsAt, DateTimeOffset EndsAt, IReadOnlyDictionary<DateTimeOffset, int> Taken);

internal static class Placements
{
    /// <summary>
    /// The placement of [start, end) for the resource, or why there is none (outside availability, or blocked). Without
    /// an end the interval is one slot of the schedule that holds the start.
    /// </summary>
    public static async Task<(Placement? Placement, string? Refusal)> FindAsync(
        SchedulingDb db, string resourceKey, DateTimeOffset start, DateTimeOffset? end, CancellationToken cancellationToken)
    {
        // One query: the resource's schedules with their blocks near the date (any time zone) and the places taken
        // around the interval (a slot is at most 4 hours long, an appointment at most 8).
        var firstDate = DateOnly.FromDateTime(start.UtcDateTime).AddDays(-1);
        var lastDate = DateOnly.FromDateTime((end ?? start).UtcDateTime).AddDays(1);
        var (from, to) = (start.AddHours(-4), (end ?? start).AddHours(4) + AppointmentTimes.Longest);
        var rows = await db.Schedules.AsNoTracking().Where(s => s.ResourceKey == resourceKey)
            .Select(s => new
            {
                Schedule = s,
                Blocks = db.ScheduleBlocks.Where(b => b.ScheduleId == s.Id && b.FromDate <= lastDate && b.ToDate >= firstDate).ToList(),
                // Correlated on the schedule's resource key (the same for every row) so that SQLite can join it.
                Taken = db.SlotUsage.Where(u => u.ResourceKey == s.ResourceKey && u.StartsAt >= from && u.StartsAt < to && u.Booked > 0)
                    .Select(u => new { u.StartsAt, u.Booked }).ToList(),
            })
            .AsSingleQuery()
            .ToListAsync(cancellationToken);
        foreach (var row in rows)
        {
            var schedule = row.Schedule;
            var zone = schedule.Zone;
            if (SlotGrid.Covering(schedule, zone, start, end ?? start.AddMinutes(schedule.SlotMinutes)) is not { } slots)
            {
                continue;
            }

            var date = slots[0].LocalDate;
            var block = row.Blocks.FirstOrDefault(b => b.FromDate <= date && b.ToDate >= date);
            return block is null
                ? (new Placement(schedule, zone, slots, start, end ?? start.AddMinutes(schedule.SlotMinutes), row.Taken.ToDictionary(t => t.StartsAt, t => t.Booked)), null)
                : (null, $"The resource is not available on {date:yyyy-MM-dd}: blocked from {block.FromDate:yyyy-MM-dd} to {block.ToDate:yyyy-MM-dd} ({block.Reason}).");
        }

        return (null, rows.Count == 0
            ? "The resource has no schedule."
            : "The time is outside the resource's availability (its schedules' days, hours, slot boundaries and effective dates).");
    }

    /// <summary>The places an existing appointment occupies under its schedule (empty if the schedule no longer covers it).</summary>
    public static async Task<(Schedule? Schedule, IReadOnlyList<Slot> Slots)> OccupiedByAsync(
        SchedulingDb db, Appointment appointment, CancellationToken cancellationToken)
    {
        var schedule = await db.Schedules.AsNoTracking().SingleOrDefaultAsync(s => s.Id == appointment.ScheduleId, cancellationToken);
        return schedule is null
            ? (null, [])
            : (schedule, SlotGrid.Covering(schedule, schedule.Zone, appointment.StartsAt, appointment.EndsAt) ?? []);
    }

    /// <summary>
    /// Locks the patient's diary (<see cref="BookingLocks.Patient"/>) and finds another active appointment of the patient
    /// overlapping [start, end), in one round trip.
    /// </summary>
    public static Task<Appointment?> LockPatientAndFindOverlapAsync(
        SchedulingDb db, Guid patientId, DateTimeOffset start, DateTimeOffset end, Guid? except, CancellationToken cancellationToken)
    {
        BookingLocks.LockWithNextQuery(db, BookingLocks.Patient, patientId);
        return PatientOverlapAsync(db, patientId, start, end, except, cancellationToken);
    }

    /// <summary>Another active appointment of the patient overlapping [start, end), if any, in whichever facility.</summary>
    public static Task<Appointment?> PatientOverlapAsync(
        SchedulingDb db, Guid patientId, DateTimeOffset start, DateTimeOffset end, Guid? except, CancellationToken cancellationToken) =>
        db.Appointments.AsNoTracking().IgnoreQueryFilters([SchedulingDb.FacilityFilterName])
            .Where(a => a.PatientId == patientId && Appointment.Active.Contains(a.Status) && a.StartsAt < end && a.EndsAt > start)
            .Where(a => except == null || a.Id != except)
            .OrderBy(a => a.StartsAt)
            .FirstOrDefaultAsync(cancellationToken);
}
