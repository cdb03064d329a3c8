using System.ComponentModel.DataAnnotations;
using HealthCore.Platform.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace HealthCore.Modules.Scheduling;

internal sealed record CreateScheduleRequest(
    Guid? PractitionerId,
    [StringLength(SchedulingDb.ModalityLength, MinimumLength = 1)] string? Modality,
    [Required] Guid? DepartmentId,
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
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if ((PractitionerId is null) == (Modality is null))
        {
            yield return new ValidationResult("Give either a practitionerId or a modality (e.g. \"mri\"), not both.", [nameof(PractitionerId)]);
        }

        if (DepartmentId == Guid.Empty)
        {
            yield return new ValidationResult("The department id must not be empty.", [nameof(DepartmentId)]);
        }

        foreach (var problem in ScheduleRules.Check(StartTime, EndTime, EffectiveFrom, EffectiveTo, DaysOfWeek, TimeZone))
        {
            yield return problem;
        }
    }
}

/// <summary>Rules a schedule's shape must satisfy, on create and after a patch.</summary>
internal static class ScheduleRules
{
    public static IEnumerable<ValidationResult> Check(
        TimeOnly? start, TimeOnly? end, DateOnly? from, DateOnly? to, DayOfWeek[]? days, string? timeZone)
    {
        if (start is not null && end is not null && start >= end)
        {
            yield return new ValidationResult("The end time must be after the start time (windows do not cross midnight).", ["EndTime"]);
        }

        if (from is not null && to is not null && to < from)
        {
            yield return new ValidationResult("effectiveTo must not be before effectiveFrom.", ["EffectiveTo"]);
        }

        if (days is not null && days.Distinct().Count() != days.Length)
        {
            yield return new ValidationResult("Each day may appear once.", ["DaysOfWeek"]);
        }

        if (days is not null && days.Any(day => !Enum.IsDefined(day)))
        {
            yield return new ValidationResult("Unknown day of week.", ["DaysOfWeek"]);
        }

        if (timeZone is not null && !IanaTimeZoneAttribute.IsValid(timeZone))
        {
            yield return new ValidationResult($"'{timeZone}' is not an IANA time zone such as Europe/London.", ["TimeZone"]);
        }
    }

    public static string? SlotProblem(TimeOnly start, TimeOnly end, int slotMinutes) =>
        (end - start).TotalMinutes < slotMinutes ? $"A {slotMinutes}-minute slot does not fit between {start:HH:mm} and {end:HH:mm}." : null;

    /// <summary>Another schedule of the same resource that could offer the same minute, if any, in whichever facility.</summary>
    public static async Task<Schedule?> OverlappingAsync(SchedulingDb db, Schedule schedule, CancellationToken cancellationToken)
    {
        var siblings = await db.Schedules.AsNoTracking().IgnoreQueryFilters([SchedulingDb.FacilityFilterName])
            .Where(s => s.ResourceKey == schedule.ResourceKey && s.Id != schedule.Id)
            .ToListAsync(cancellationToken);
        return siblings.FirstOrDefault(schedule.Overlaps);
    }

    public static ConflictProblem Overlap(Schedule other) => new(
        "The schedule overlaps another schedule of the same resource.",
        $"Schedule {other.Id} already offers {string.Join(", ", other.Days)} {other.StartTime:HH:mm}-{other.EndTime:HH:mm} "
        + $"from {other.EffectiveFrom:yyyy-MM-dd}{(other.EffectiveTo is { } to ? $" to {to:yyyy-MM-dd}" : "")}.",
        new Dictionary<string, object?> { ["conflictingScheduleId"] = other.Id });
}

internal static class CreateSchedule
{
    public static async Task<Results<Created<ScheduleResponse>, ValidationProblem, ConflictProblem>> Handle(
        CreateScheduleRequest request, SchedulingDb db, SchedulingLookups lookups, TimeProvider clock, HttpContext http,
        CancellationToken cancellationToken)
    {
        var departmentId = request.DepartmentId!.Value;
        if (request.PractitionerId is { } practitionerId && !await lookups.PractitionerExistsAsync(practitionerId, cancellationToken))
        {
            return FieldErrors.Invalid("practitionerId", $"No practitioner with id '{practitionerId}' exists in this tenant.");
        }

        if (!await lookups.DepartmentExistsAsync(departmentId, cancellationToken))
        {
            return FieldErrors.Invalid("departmentId", $"No department with id '{departmentId}' exists in this tenant.");
        }

        var defaults = await lookups.DefaultsAsync(cancellationToken);
        var slotMinutes = request.SlotMinutes ?? defaults.DefaultSlotMinutes;
        if (ScheduleRules.SlotProblem(request.StartTime!.Value, request.EndTime!.Value, slotMinutes) is { } slotProblem)
        {
            return FieldErrors.Invalid("slotMinutes", slotProblem);
        }

        var modality = request.Modality?.Trim().ToLowerInvariant();
        var schedule = new Schedule
        {
            PractitionerId = request.PractitionerId,
            Modality = modality,
            DepartmentId = departmentId,
            ResourceKey = request.PractitionerId is { } id ? Schedule.PractitionerKey(id) : Schedule.ModalityKey(departmentId, modality!),
            Location = request.Location,
            DayMask = Schedule.MaskOf(request.DaysOfWeek!),
            StartTime = request.StartTime.Value,
            EndTime = request.EndTime.Value,
            SlotMinutes = slotMinutes,
            Capacity = request.Capacity ?? 1,
            EffectiveFrom = request.EffectiveFrom!.Value,
            EffectiveTo = request.EffectiveTo,
            TimeZone = request.TimeZone ?? defaults.TimeZone,
            CreatedAt = clock.GetUtcNow(),
        };

        // Two schedules of one resource created at once must not both pass the overlap check.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await BookingLocks.LockAsync(db, BookingLocks.Resource, schedule.ResourceKey, cancellationToken);
        if (await ScheduleRules.OverlappingAsync(db, schedule, cancellationToken) is { } other)
        {
            return ScheduleRules.Overlap(other);
        }

        db.Schedules.Add(schedule);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        http.SetETag(schedule);
        return TypedResults.Created($"/api/v1/schedules/{schedule.Id}", ScheduleResponse.From(schedule, []));
    }
}
