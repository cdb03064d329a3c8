using System.Globalization;
using HealthCore.Platform.Time;

namespace HealthCore.Modules.Scheduling;

/// <summary>One slot of a schedule: the UTC interval and the wall-clock times the facility sees.</summary>
internal readonly record struct Slot(DateTimeOffset StartsAt, DateTimeOffset EndsAt, DateTimeOffset LocalStart, DateTimeOffset LocalEnd)
{
    public DateOnly LocalDate => DateOnly.FromDateTime(LocalStart.DateTime);

    public bool Overlaps(DateTimeOffset start, DateTimeOffset end) => StartsAt < end && start < EndsAt;

    public static string Local(DateTimeOffset local) => local.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
}

/// <summary>
/// Turns a schedule's weekly wall-clock pattern into UTC slots. Slots step through local time and each start is
/// converted with the zone's rules for that date, so 09:00 stays 09:00 across a daylight-saving change while its UTC
/// instant moves. A start that does not exist locally (the hour skipped in spring) is not offered; a start that exists
/// twice (the hour repeated in autumn) is its first occurrence, so the repeated hour itself is not offered.
/// </summary>
internal static class SlotGrid
{
    /// <summary>The schedule's slots on one local date, blocked dates excluded.</summary>
    public static IEnumerable<Slot> On(Schedule schedule, TimeZoneInfo zone, DateOnly date, IReadOnlyCollection<ScheduleBlock> blocks)
    {
        if (!schedule.RunsOn(date) || blocks.Any(block => block.ScheduleId == schedule.Id && block.Covers(date)))
        {
            yield break;
        }

        var length = TimeSpan.FromMinutes(schedule.SlotMinutes);
        var first = schedule.StartTime.ToTimeSpan();
        var last = schedule.EndTime.ToTimeSpan() - length;
        for (var offset = first; offset <= last; offset += length)
        {
            var local = date.ToDateTime(TimeOnly.MinValue).Add(offset);
            if (zone.IsInvalidTime(local))
            {
                continue;
            }

            var utcOffset = zone.IsAmbiguousTime(local) ? zone.GetAmbiguousTimeOffsets(local).Max() : zone.GetUtcOffset(local);
            var start = new DateTimeOffset(local, utcOffset).ToUniversalTime();
            var end = start + length;
            yield return new Slot(start, end, TimeZoneInfo.ConvertTime(start, zone), TimeZoneInfo.ConvertTime(end, zone));
        }
    }

    /// <summary>Every slot of the schedule starting in [from, to), in time order.</summary>
    public static IEnumerable<Slot> Between(
        Schedule schedule, TimeZoneInfo zone, DateTimeOffset from, DateTimeOffset to, IReadOnlyCollection<ScheduleBlock> blocks)
    {
        var firstDate = LocalDays.DateOf(from, zone);
        var lastDate = LocalDays.DateOf(to, zone);
        for (var date = firstDate; date <= lastDate; date = date.AddDays(1))
        {
            foreach (var slot in On(schedule, zone, date, blocks))
            {
                if (slot.StartsAt >= from && slot.StartsAt < to)
                {
                    yield return slot;
                }
            }
        }
    }

    /// <summary>
    /// The contiguous run of the schedule's slots that exactly covers [start, end) within one day's window, or null when
    /// the interval is outside the availability (or crosses a gap left by a daylight-saving change). An interval that
    /// does not start or end on a slot boundary occupies every slot it touches.
    /// </summary>
    public static IReadOnlyList<Slot>? Covering(Schedule schedule, TimeZoneInfo zone, DateTimeOffset start, DateTimeOffset end)
    {
        var date = LocalDays.DateOf(start, zone);
        var touched = On(schedule, zone, date, []).Where(slot => slot.Overlaps(start, end)).ToList();
        if (touched.Count == 0 || touched[0].StartsAt > start || touched[^1].EndsAt < end)
        {
            return null;
        }

        for (var i = 1; i < touched.Count; i++)
        {
            if (touched[i - 1].EndsAt != touched[i].StartsAt)
            {
                return null;
            }
        }

        return touched;
    }
}
