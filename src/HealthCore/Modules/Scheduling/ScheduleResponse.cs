namespace HealthCore.Modules.Scheduling;

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

internal sealed record ScheduleExceptionResponse(Guid Id, DateOnly FromDate, DateOnly ToDate, string Reason, DateTimeOffset CreatedAt)
{
    public static ScheduleExceptionResponse From(ScheduleBlock block) => new(block.Id, block.FromDate, block.ToDate, block.Reason, block.CreatedAt);
}
