using HealthCore.Platform.Database;

namespace HealthCore.Modules.Scheduling;

/// <summary>
/// A resource's recurring weekly availability: on the given days, from StartTime to EndTime local wall-clock time in
/// TimeZone, cut into slots of SlotMinutes with Capacity places each, between EffectiveFrom and EffectiveTo (inclusive).
/// The resource is a practitioner or a department's modality (e.g. an MRI scanner); windows do not cross midnight.
/// </summary>
internal sealed class Schedule : ITenantOwned, IVersioned
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid TenantId { get; set; }

    public int Version { get; set; }

    public Guid? PractitionerId { get; init; }

    public string? Modality { get; init; }

    public Guid DepartmentId { get; init; }

    /// <summary>The booked resource in one string, shared by every schedule, appointment and slot row of it.</summary>
    public required string ResourceKey { get; init; }

    public string? Location { get; set; }

    public int DayMask { get; set; }

    public TimeOnly StartTime { get; set; }

    public TimeOnly EndTime { get; set; }

    public int SlotMinutes { get; set; }

    public int Capacity { get; set; }

    public DateOnly EffectiveFrom { get; set; }

    public DateOnly? EffectiveTo { get; set; }

    public required string TimeZone { get; set; }

    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>A detached copy, e.g. to compare the slot grid before and after a change.</summary>
    public Schedule Copy() => (Schedule)MemberwiseClone();

    public IReadOnlyList<DayOfWeek> Days => [.. Enum.GetValues<DayOfWeek>().Where(day => (DayMask & (1 << (int)day)) != 0)];

    public TimeZoneInfo Zone => TimeZoneInfo.FindSystemTimeZoneById(TimeZone);

    public static int MaskOf(IEnumerable<DayOfWeek> days) => days.Aggregate(0, (mask, day) => mask | (1 << (int)day));

    public static string PractitionerKey(Guid practitionerId) => $"practitioner:{practitionerId:N}";

    public static string ModalityKey(Guid departmentId, string modality) =>
        $"modality:{departmentId:N}:{modality.Trim().ToLowerInvariant()}";

    public bool RunsOn(DateOnly date) =>
        (DayMask & (1 << (int)date.DayOfWeek)) != 0 && date >= EffectiveFrom && (EffectiveTo is null || date <= EffectiveTo);

    /// <summary>Whether the two schedules could ever offer the same wall-clock minute (same resource assumed).</summary>
    public bool Overlaps(Schedule other) =>
        (DayMask & other.DayMask) != 0
        && StartTime < other.EndTime && other.StartTime < EndTime
        && EffectiveFrom <= (other.EffectiveTo ?? DateOnly.MaxValue)
        && other.EffectiveFrom <= (EffectiveTo ?? DateOnly.MaxValue);
}

/// <summary>A date range (local dates in the schedule's zone, inclusive) in which the schedule offers nothing.</summary>
internal sealed class ScheduleBlock : ITenantOwned
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid TenantId { get; set; }

    public Guid ScheduleId { get; init; }

    public DateOnly FromDate { get; init; }

    public DateOnly ToDate { get; init; }

    public required string Reason { get; init; }

    public Guid? CreatedBy { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public bool Covers(DateOnly date) => date >= FromDate && date <= ToDate;
}
