namespace HealthCore.Modules.Scheduling;

internal sealed record WaitlistEntryResponse(
    Guid Id,
    Guid PatientId,
    Guid? PractitionerId,
    Guid? DepartmentId,
    DateTimeOffset EarliestStart,
    DateTimeOffset LatestEnd,
    WaitlistPriority Priority,
    AppointmentType? Type,
    string? Reason,
    WaitlistStatus Status,
    Guid? OfferedAppointmentId,
    DateTimeOffset CreatedAt,
    DateTimeOffset StatusChangedAt,
    int Version)
{
    public static WaitlistEntryResponse From(WaitlistEntry e) => new(
        e.Id, e.PatientId, e.PractitionerId, e.DepartmentId, e.WindowFrom, e.WindowTo, e.Priority, e.Type, e.Reason, e.Status,
        e.OfferedAppointmentId, e.CreatedAt, e.StatusChangedAt, e.Version);
}
