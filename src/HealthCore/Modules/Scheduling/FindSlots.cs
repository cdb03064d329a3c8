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

/// <param name="NextFrom">When more free slots exist before <c>to</c>: the <c>from</c> to ask with for the next page.</param>
internal sealed record SlotsResponse(IReadOnlyList<SlotResponse> Items, DateTimeOffset? NextFrom);

internal static class FindSlots
{
    public const int MaxDays = 31;

    public static async Task<Results<Ok<SlotsResponse>, ValidationProblem>> Handle(
        Guid? practitionerId, Guid? departmentId, string? modality, DateTimeOffset? from, DateTimeOffset? to, int? limit,
        SchedulingDb db, SchedulingLookups lookups, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (practitionerId is null && departmentId is null && modality is null)
        {
            return FieldErrors.Invalid("practitionerId", "Filter by practitionerId, departmentId or modality.");
        }

        if (ListSchedules.ModalityProblem(modality) is { } invalidModality)
        {
            return invalidModality;
        }

        if (limit is < 1 or > PageRequest.MaxLimit)
        {
            return FieldErrors.Invalid("limit", $"The limit must be between 1 and {PageRequest.MaxLimit}.");
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
            .OrderBy(s => s.slot.StartsAt).ThenBy(s => s.schedule.Id)
            .Take((limit ?? PageRequest.DefaultLimit) + 1)
            .ToList();

        var pageSize = limit ?? PageRequest.DefaultLimit;
        var items = free.Take(pageSize).Select(s => new SlotResponse(
            s.schedule.Id, s.schedule.PractitionerId, s.schedule.Modality, s.schedule.DepartmentId, s.schedule.Location,
            s.slot.StartsAt, s.slot.EndsAt, Slot.Local(s.slot.LocalStart), Slot.Local(s.slot.LocalEnd), s.zone.Id,
            s.schedule.Capacity, s.available)).ToList();
        return TypedResults.Ok(new SlotsResponse(items, free.Count > pageSize ? free[pageSize].slot.StartsAt : null));
    }
}
