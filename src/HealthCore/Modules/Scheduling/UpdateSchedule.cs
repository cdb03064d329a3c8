using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using HealthCore.Platform.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace HealthCore.Modules.Scheduling;

/// <summary>
/// A schedule's editable fields, the document a PATCH merges into; whose schedule it is (practitioner or modality,
/// department) is not among them. Null clears the location or the end date and restores the tenant's slot length and
/// time zone and a capacity of one.
/// </summary>
internal sealed record ScheduleInput(
    [StringLength(200)] string? Location,
    [Required, MinLength(1), MaxLength(7)] DayOfWeek[]? DaysOfWeek,
    [Required] TimeOnly? StartTime,
    [Required] TimeOnly? EndTime,
    [Range(5, 480)] int? SlotMinutes,
    [Range(1, 500)] int? Capacity,
    [Required, PlausibleDate] DateOnly? EffectiveFrom,
    [PlausibleDate] DateOnly? EffectiveTo,
    [StringLength(64)] string? TimeZone) : IValidatableObject
{
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext) =>
        ScheduleRules.Check(StartTime, EndTime, EffectiveFrom, EffectiveTo, DaysOfWeek, TimeZone);
}

internal static class UpdateSchedule
{
    public static async Task<Results<Ok<ScheduleResponse>, ValidationProblem, NotFoundProblem, PreconditionProblem, ConflictProblem>> Handle(
        Guid id, [FromBody] JsonElement patch, SchedulingDb db, MergePatch mergePatch, SchedulingLookups lookups, TimeProvider clock,
        HttpContext http, CancellationToken cancellationToken)
    {
        var schedule = await db.Schedules.SingleOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (schedule is null)
        {
            return NotFoundProblem.For("Schedule", id);
        }

        if (db.CheckIfMatch(http.Request, schedule) is { } precondition)
        {
            return precondition;
        }

        var current = new ScheduleInput(
            schedule.Location, [.. schedule.Days], schedule.StartTime, schedule.EndTime, schedule.SlotMinutes, schedule.Capacity,
            schedule.EffectiveFrom, schedule.EffectiveTo, schedule.TimeZone);
        var (input, problem) = mergePatch.Apply(current, patch);
        if (problem is not null)
        {
            return problem;
        }

        var defaults = input!.SlotMinutes is null || input.TimeZone is null ? await lookups.DefaultsAsync(cancellationToken) : null;
        var before = schedule.Copy();
        schedule.Location = input.Location;
        schedule.DayMask = Schedule.MaskOf(input.DaysOfWeek!);
        schedule.StartTime = input.StartTime!.Value;
        schedule.EndTime = input.EndTime!.Value;
        schedule.SlotMinutes = input.SlotMinutes ?? defaults!.DefaultSlotMinutes;
        schedule.Capacity = input.Capacity ?? 1;
        schedule.EffectiveFrom = input.EffectiveFrom!.Value;
        schedule.EffectiveTo = input.EffectiveTo;
        schedule.TimeZone = input.TimeZone ?? defaults!.TimeZone;

        if (ScheduleRules.SlotProblem(schedule.StartTime, schedule.EndTime, schedule.SlotMinutes) is { } slotProblem)
        {
            return FieldErrors.Invalid("slotMinutes", slotProblem);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await BookingLocks.LockAsync(db, BookingLocks.Resource, schedule.ResourceKey, cancellationToken);
        if (await ScheduleRules.OverlappingAsync(db, schedule, cancellationToken) is { } other)
        {
            return ScheduleRules.Overlap(other);
        }

        // Booked places are counted per slot start; an appointment whose slots would change under it would be counted in
        // slots it no longer occupies (and its real slots would look free), so such a change waits until it is moved.
        var now = clock.GetUtcNow();
        var upcoming = await db.Appointments.AsNoTracking()
            .Where(a => a.ScheduleId == id && Appointment.Active.Contains(a.Status) && a.EndsAt > now)
            .ToListAsync(cancellationToken);
        var stranded = upcoming.Where(a => !SameSlots(before, schedule, a)).ToList();
        if (stranded.Count > 0)
        {
            return new ConflictProblem(
                "Upcoming appointments would fall outside the changed schedule.",
                $"{stranded.Count} upcoming appointment(s) (first {stranded[0].Id} at {stranded[0].StartsAt:O}) use this schedule's slots; "
                + "reschedule or cancel them first, block dates with an exception, or end this schedule and create a new one.",
                new Dictionary<string, object?> { ["appointmentIds"] = stranded.ConvertAll(a => a.Id) });
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        var blocks = await db.ScheduleBlocks.AsNoTracking().Where(b => b.ScheduleId == id).ToListAsync(cancellationToken);
        http.SetETag(schedule);
        return TypedResults.Ok(ScheduleResponse.From(schedule, blocks));
    }

    private static bool SameSlots(Schedule before, Schedule after, Appointment appointment) =>
        SlotGrid.Covering(after, after.Zone, appointment.StartsAt, appointment.EndsAt) is { } slots
        && slots.Select(s => s.StartsAt).SequenceEqual(
            (SlotGrid.Covering(before, before.Zone, appointment.StartsAt, appointment.EndsAt) ?? []).Select(s => s.StartsAt));
}
