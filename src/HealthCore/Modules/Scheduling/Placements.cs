using Microsoft.EntityFrameworkCore;

namespace HealthCore.Modules.Scheduling;

/// <summary>Where an interval of a resource falls: the schedule whose availability holds it and the slots it occupies.</summary>
internal sealed record Placement(Schedule Schedule, TimeZoneInfo Zone, IReadOnlyList<Slot> Slots, DateTimeOffset StartsAt, DateTimeOffset EndsAt);

internal static class Placements
{
    /// <summary>
    /// The placement of [start, end) for the resource, or why there is none (outside availability, or blocked). Without
    /// an end the interval is one slot of the schedule that holds the start.
    /// </summary>
    public static async Task<(Placement? Placement, string? Refusal)> FindAsync(
        SchedulingDb db, string resourceKey, DateTimeOffset start, DateTimeOffset? end, CancellationToken cancellationToken)
    {
        var schedules = await db.Schedules.AsNoTracking().Where(s => s.ResourceKey == resourceKey).ToListAsync(cancellationToken);
        foreach (var schedule in schedules)
        {
            var zone = schedule.Zone;
            if (SlotGrid.Covering(schedule, zone, start, end ?? start.AddMinutes(schedule.SlotMinutes)) is not { } slots)
            {
                continue;
            }

            var date = slots[0].LocalDate;
            var block = await db.ScheduleBlocks.AsNoTracking()
                .Where(b => b.ScheduleId == schedule.Id && b.FromDate <= date && b.ToDate >= date)
                .FirstOrDefaultAsync(cancellationToken);
            return block is null
                ? (new Placement(schedule, zone, slots, start, end ?? start.AddMinutes(schedule.SlotMinutes)), null)
                : (null, $"The resource is not available on {date:yyyy-MM-dd}: blocked from {block.FromDate:yyyy-MM-dd} to {block.ToDate:yyyy-MM-dd} ({block.Reason}).");
        }

        return (null, schedules.Count == 0
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

    /// <summary>Another active appointment of the patient overlapping [start, end), if any, in whichever facility.</summary>
    public static Task<Appointment?> PatientOverlapAsync(
        SchedulingDb db, Guid patientId, DateTimeOffset start, DateTimeOffset end, Guid? except, CancellationToken cancellationToken) =>
        db.Appointments.AsNoTracking().IgnoreQueryFilters([SchedulingDb.FacilityFilterName])
            .Where(a => a.PatientId == patientId && Appointment.Active.Contains(a.Status) && a.StartsAt < end && a.EndsAt > start)
            .Where(a => except == null || a.Id != except)
            .OrderBy(a => a.StartsAt)
            .FirstOrDefaultAsync(cancellationToken);
}
