using System.ComponentModel.DataAnnotations;
using HealthCore.Platform.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace HealthCore.Modules.Scheduling;

/// <summary>Fields left out (null) keep their value.</summary>
internal sealed record UpdateScheduleRequest(
    [StringLength(200)] string? Location,
    [MinLength(1), MaxLength(7)] DayOfWeek[]? DaysOfWeek,
    TimeOnly? StartTime,
    TimeOnly? EndTime,
    [Range(5, 480)] int? SlotMinutes,
    [Range(1, 500)] int? Capacity,
    [PlausibleDate] DateOnly? EffectiveFrom,
    [PlausibleDate] DateOnly? EffectiveTo,
    [StringLength(64)] string? TimeZone) : IValidatableObject
{
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext) =>
        ScheduleRules.Check(StartTime, EndTime, EffectiveFrom, EffectiveTo, DaysOfWeek, TimeZone);
}

internal static class UpdateSchedule
{
    public static async Task<Results<Ok<ScheduleResponse>, ValidationProblem, NotFoundProblem, PreconditionProblem, ConflictProblem>> Handle(
        Guid id, UpdateScheduleRequest request, SchedulingDb db, TimeProvider clock, HttpContext http, CancellationToken cancellationToken)
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

        var before = schedule.Copy();
        schedule.Location = request.Location ?? schedule.Location;
        schedule.DayMask = request.DaysOfWeek is { } days ? Schedule.MaskOf(days) : schedule.DayMask;
        schedule.StartTime = request.StartTime ?? schedule.StartTime;
        schedule.EndTime = request.EndTime ?? schedule.EndTime;
        schedule.SlotMinutes = request.SlotMinutes ?? schedule.SlotMinutes;
        schedule.Capacity = request.Capacity ?? schedule.Capacity;
        schedule.EffectiveFrom = request.EffectiveFrom ?? schedule.EffectiveFrom;
        schedule.EffectiveTo = request.EffectiveTo ?? schedule.EffectiveTo;
        schedule.TimeZone = request.TimeZone ?? schedule.TimeZone;

        var shape = ScheduleRules.Check(schedule.StartTime, schedule.EndTime, schedule.EffectiveFrom, schedule.EffectiveTo, null, null).FirstOrDefault();
        if (shape is not null)
        {
            return FieldErrors.Invalid(SchedulingProblems.JsonName(shape.MemberNames.First()), shape.ErrorMessage!);
        }

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
