using HealthCore.Platform.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace HealthCore.Modules.Scheduling;

internal sealed record ScheduleExceptionResponse(Guid Id, DateOnly FromDate, DateOnly ToDate, string Reason, DateTimeOffset CreatedAt)
{
    public static ScheduleExceptionResponse From(ScheduleBlock block) => new(block.Id, block.FromDate, block.ToDate, block.Reason, block.CreatedAt);
}

internal sealed record ScheduleResponse(
    Guid Id,
    Guid? PractitionerId,
    string? Modality,
    Guid DepartmentId,
    string? Location,
    IReadOnlyList<DayOfWeek> DaysOfWeek,
    TimeOnly StartTime,
    TimeOnly EndTime,
    int SlotMinutes,
    int Capacity,
    DateOnly EffectiveFrom,
    DateOnly? EffectiveTo,
    string TimeZone,
    IReadOnlyList<ScheduleExceptionResponse> Exceptions,
    int Version)
{
    public static ScheduleResponse From(Schedule schedule, IEnumerable<ScheduleBlock> blocks) => new(
        schedule.Id, schedule.PractitionerId, schedule.Modality, schedule.DepartmentId, schedule.Location, schedule.Days,
        schedule.StartTime, schedule.EndTime, schedule.SlotMinutes, schedule.Capacity, schedule.EffectiveFrom, schedule.EffectiveTo,
        schedule.TimeZone, [.. blocks.OrderBy(b => b.FromDate).Select(ScheduleExceptionResponse.From)], schedule.Version);
}

internal static class GetSchedule
{
    public static async Task<Results<Ok<ScheduleResponse>, NotFoundProblem>> Handle(
        Guid id, SchedulingDb db, HttpContext http, CancellationToken cancellationToken)
    {
        var schedule = await db.Schedules.AsNoTracking().SingleOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (schedule is null)
        {
            return NotFoundProblem.For("Schedule", id);
        }

        var blocks = await db.ScheduleBlocks.AsNoTracking().Where(b => b.ScheduleId == id).ToListAsync(cancellationToken);
        http.SetETag(schedule);
        return TypedResults.Ok(ScheduleResponse.From(schedule, blocks));
    }
}
