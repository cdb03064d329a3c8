using HealthCore.Platform.Http;
using HealthCore.Platform.Http.Paging;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace HealthCore.Modules.Scheduling;

/// <param name="LocalStart">The start on the facility's wall clock, with its UTC offset (e.g. 2026-03-30T09:00:00+01:00).</param>
/// <param name="Available">Free places left in the slot (capacity minus places taken).</param>
internal sealed record SlotResponse(
    Guid ScheduleId,
    Guid? PractitionerId,
    string? Modality,
    Guid DepartmentId,
    string? Location,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    string LocalStart,
    string LocalEnd,
    string TimeZone,
    int Capacity,
    int Available);

/// <summary>The last slot of a page: the next page starts after it (slots are ordered by start, then schedule).</summary>
internal sealed record SlotCursor(DateTimeOffset StartsAt, Guid ScheduleId);

internal static class FindSlots
{
    public const int MaxDays = 31;

    /// <summary>Free slots in [from, to), earliest first, paged like every list (<c>limit</c>, <c>cursor</c>, <c>nextCursor</c>).</summary>
    public static async Task<Results<Ok<Page<SlotResponse>>, ValidationProblem>> Handle(
        Guid? practitionerId, Guid? departmentId, string? modality, DateTimeOffset? from, DateTimeOffset? to, [AsParameters] PageRequest page,
        SchedulingDb db, SchedulingLookups lookups, CursorCodec cursors, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (practitionerId is null && departmentId is null && modality is null)
        {
            return FieldErrors.Invalid("practitionerId", "Filter by practitionerId, departmentId or modality.");
        }

        if (ListSchedules.ModalityProblem(modality) is { } invalidModality)
        {
            return invalidModality;
        }

        SlotCursor? after = null;
        if (page.Cursor is not null && !cursors.TryDecode(page.Cursor, out after))
        {
            return Paging.InvalidCursor();
        }

        if ((PlausibleDates.OutOfRange("from", from) ?? PlausibleDates.OutOfRange("to", to)) is { } outOfRange)
        {
            return outOfRange;
        }

        var now = clock.GetUtcNow();
        var start = from ?? now;
        var end = to ?? start.AddDays(7);
        if (end <= start)
        {
            return FieldErrors.Invalid("to", "to must be after from.");
        }

        if (end - start > TimeSpan.FromDays(MaxDays))
        {
            return FieldErrors.Invalid("to", $"Ask for at most {MaxDays} days at a time.");
        }

        var schedules = await ListSchedules.Filter(db.Schedules.AsNoTracking(), practitionerId, departmentId, modality).ToListAsync(cancellationToken);
        var ids = schedules.ConvertAll(s => s.Id);
        var blocks = await db.ScheduleBlocks.AsNoTracking().Where(b => ids.Contains(b.ScheduleId)).ToListAsync(cancellationToken);
        var keys = schedules.Select(s => s.ResourceKey).Distinct().ToList();
        var taken = await SlotLedger.TakenAsync(db, keys, start, end, cancellationToken);

        // Nothing is offered that could not be booked: not the past, not beyond the tenant's booking horizon.
        var earliest = start > now ? start : now;
        var horizon = now.AddDays((await lookups.DefaultsAsync(cancellationToken)).BookingHorizonDays);
        var latest = end < horizon ? end : horizon;
        var free = schedules
            .Where(_ => latest > earliest)
            .SelectMany(schedule =>
            {
                var zone = schedule.Zone;
                return SlotGrid.Between(schedule, zone, earliest, latest, blocks)
                    .Select(slot => (schedule, zone, slot, available: schedule.Capacity - taken.GetValueOrDefault((schedule.ResourceKey, slot.StartsAt))));
            })
            .Where(s => s.available > 0)
            .Where(s => after is null || s.slot.StartsAt > after.StartsAt || (s.slot.StartsAt == after.StartsAt && s.schedule.Id.CompareTo(after.ScheduleId) > 0))
            .OrderBy(s => s.slot.StartsAt).ThenBy(s => s.schedule.Id)
            .Take(page.EffectiveLimit + 1)
            .ToList();

        return TypedResults.Ok(Paging.ToPage(
            free,
            page.EffectiveLimit,
            s => cursors.Encode(new SlotCursor(s.slot.StartsAt, s.schedule.Id)),
            s => new SlotResponse(
                s.schedule.Id, s.schedule.PractitionerId, s.schedule.Modality, s.schedule.DepartmentId, s.schedule.Location,
                s.slot.StartsAt, s.slot.EndsAt, Slot.Local(s.slot.LocalStart), Slot.Local(s.slot.LocalEnd), s.zone.Id,
                s.schedule.Capacity, s.available)));
    }
}
