using HealthCore.Platform.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using HealthCore.Platform.Time;

namespace HealthCore.Modules.Scheduling;

internal sealed record TimeWindow(DateTimeOffset StartsAt, DateTimeOffset EndsAt, string LocalStart, string LocalEnd);

internal sealed record BusyWindow(Guid AppointmentId, DateTimeOffset StartsAt, DateTimeOffset EndsAt, AppointmentStatus Status);

internal sealed record BlockedDay(Guid ScheduleId, string Reason);

/// <param name="Working">Working windows from schedules and assigned shifts (merged), exceptions removed.</param>
/// <param name="Free">The working windows minus active appointments.</param>
internal sealed record AvailabilityResponse(
    Guid PractitionerId, DateOnly Date, string TimeZone, IReadOnlyList<TimeWindow> Working, IReadOnlyList<BusyWindow> Booked,
    IReadOnlyList<TimeWindow> Free, IReadOnlyList<BlockedDay> Blocked);

internal static class GetPractitionerAvailability
{
    public static async Task<Results<Ok<AvailabilityResponse>, NotFoundProblem, ValidationProblem>> Handle(
        Guid id, DateOnly? date, SchedulingDb db, SchedulingLookups lookups, CancellationToken cancellationToken)
    {
        if (date is null)
        {
            return FieldErrors.Invalid("date", "The date (yyyy-MM-dd) is required.");
        }

        if (PlausibleDates.OutOfRange("date", date) is { } outOfRange)
        {
            return outOfRange;
        }

        if (!await lookups.PractitionerExistsAsync(id, cancellationToken))
        {
            return NotFoundProblem.For("Practitioner", id);
        }

        var day = date.Value;
        var schedules = (await db.Schedules.AsNoTracking().Where(s => s.PractitionerId == id).ToListAsync(cancellationToken))
            .Where(s => s.RunsOn(day))
            .ToList();
        var zone = TimeZoneInfo.FindSystemTimeZoneById(schedules.FirstOrDefault()?.TimeZone ?? (await lookups.DefaultsAsync(cancellationToken)).TimeZone);
        var dayStart = LocalDays.StartOf(day, zone);
        var dayEnd = LocalDays.StartOf(day.AddDays(1), zone);

        var scheduleIds = schedules.ConvertAll(s => s.Id);
        var blocks = await db.ScheduleBlocks.AsNoTracking()
            .Where(b => scheduleIds.Contains(b.ScheduleId) && b.FromDate <= day && b.ToDate >= day)
            .ToListAsync(cancellationToken);
        var windows = schedules
            .SelectMany(s => SlotGrid.On(s, s.Zone, day, blocks).Select(slot => (slot.StartsAt, slot.EndsAt)))
            .ToList();
        var shifts = await db.ShiftAssignments.AsNoTracking()
            .Where(a => a.PractitionerId == id && a.StartsAt < dayEnd && a.EndsAt > dayStart)
            .Select(a => new { a.StartsAt, a.EndsAt })
            .ToListAsync(cancellationToken);
        windows.AddRange(shifts.Select(s => (s.StartsAt < dayStart ? dayStart : s.StartsAt, s.EndsAt > dayEnd ? dayEnd : s.EndsAt)));
        var working = Intervals.Merge(windows);

        var booked = await db.Appointments.AsNoTracking()
            .Where(a => a.PractitionerId == id && Appointment.Active.Contains(a.Status) && a.StartsAt < dayEnd && a.EndsAt > dayStart)
            .OrderBy(a => a.StartsAt)
            .ToListAsync(cancellationToken);
        var free = Intervals.Subtract(working, booked.Select(a => (a.StartsAt, a.EndsAt)));

        TimeWindow Window((DateTimeOffset Start, DateTimeOffset End) w) =>
            new(w.Start, w.End, Slot.Local(TimeZoneInfo.ConvertTime(w.Start, zone)), Slot.Local(TimeZoneInfo.ConvertTime(w.End, zone)));
        return TypedResults.Ok(new AvailabilityResponse(
            id, day, zone.Id, working.ConvertAll(Window),
            booked.ConvertAll(a => new BusyWindow(a.Id, a.StartsAt, a.EndsAt, a.Status)),
            free.ConvertAll(Window),
            blocks.ConvertAll(b => new BlockedDay(b.ScheduleId, b.Reason))));
    }
}

/// <summary>Half-open UTC intervals: merging overlaps and cutting busy time out of free time.</summary>
internal static class Intervals
{
    public static List<(DateTimeOffset Start, DateTimeOffset End)> Merge(IEnumerable<(DateTimeOffset Start, DateTimeOffset End)> intervals)
    {
        var merged = new List<(DateTimeOffset Start, DateTimeOffset End)>();
        foreach (var (start, end) in intervals.Where(i => i.End > i.Start).OrderBy(i => i.Start))
        {
            if (merged.Count > 0 && start <= merged[^1].End)
            {
                merged[^1] = (merged[^1].Start, end > merged[^1].End ? end : merged[^1].End);
            }
            else
            {
                merged.Add((start, end));
            }
        }

        return merged;
    }

    public static List<(DateTimeOffset Start, DateTimeOffset End)> Subtract(
        IEnumerable<(DateTimeOffset Start, DateTimeOffset End)> from, IEnumerable<(DateTimeOffset Start, DateTimeOffset End)> busy)
    {
        var remaining = from.ToList();
        foreach (var (busyStart, busyEnd) in Merge(busy))
        {
            remaining = remaining.SelectMany(w => busyEnd <= w.Start || busyStart >= w.End
                    ? [w]
                    : new[] { (w.Start, busyStart), (busyEnd, w.End) }.Where(part => part.Item2 > part.Item1))
                .ToList();
        }

        return remaining;
    }
}
