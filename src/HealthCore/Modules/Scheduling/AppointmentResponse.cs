using Microsoft.EntityFrameworkCore;

namespace HealthCore.Modules.Scheduling;

/// <param name="LocalStart">The start as the facility's wall clock shows it, with its UTC offset.</param>
/// <param name="History">Reschedules, oldest first; on a single appointment's read and writes (null in lists).</param>
/// <param name="Reminders">Reminders queued; on a single appointment's read and writes (null in lists).</param>
internal sealed record AppointmentResponse(
    Guid Id,
    Guid PatientId,
    Guid? PractitionerId,
    string? Modality,
    Guid DepartmentId,
    Guid ScheduleId,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    string LocalStart,
    string LocalEnd,
    string TimeZone,
    AppointmentType Type,
    AppointmentStatus Status,
    string? Reason,
    string? Notes,
    string? ExamType,
    string? PreparationInstructions,
    bool Overbooked,
    string? CancellationReason,
    Guid? WaitlistEntryId,
    DateTimeOffset? OfferExpiresAt,
    DateTimeOffset CreatedAt,
    DateTimeOffset StatusChangedAt,
    int Version,
    IReadOnlyList<RescheduleResponse>? History = null,
    IReadOnlyList<ReminderResponse>? Reminders = null)
{
    public static AppointmentResponse From(Appointment a, TimeZoneInfo zone) => new(
        a.Id, a.PatientId, a.PractitionerId, a.Modality, a.DepartmentId, a.ScheduleId, a.StartsAt, a.EndsAt,
        Slot.Local(TimeZoneInfo.ConvertTime(a.StartsAt, zone)), Slot.Local(TimeZoneInfo.ConvertTime(a.EndsAt, zone)), zone.Id,
        a.Type, a.Status, a.Reason, a.Notes, a.ExamType, a.PreparationInstructions, a.Overbooked, a.CancellationReason,
        a.WaitlistEntryId, a.OfferExpiresAt, a.CreatedAt, a.StatusChangedAt, a.Version);

    /// <summary>Each appointment with its schedule's time zone, in the given order.</summary>
    public static async Task<List<AppointmentResponse>> ListAsync(SchedulingDb db, IReadOnlyList<Appointment> appointments, CancellationToken cancellationToken)
    {
        var scheduleIds = appointments.Select(a => a.ScheduleId).Distinct().ToList();
        var zones = await db.Schedules.AsNoTracking().Where(s => scheduleIds.Contains(s.Id))
            .Select(s => new { s.Id, s.TimeZone })
            .ToDictionaryAsync(s => s.Id, s => TimeZoneInfo.FindSystemTimeZoneById(s.TimeZone), cancellationToken);
        return [.. appointments.Select(a => From(a, zones.GetValueOrDefault(a.ScheduleId, TimeZoneInfo.Utc)))];
    }

    public static async Task<AppointmentResponse> OneAsync(SchedulingDb db, Appointment appointment, CancellationToken cancellationToken) =>
        (await ListAsync(db, [appointment], cancellationToken))[0];

    /// <summary>A just-booked appointment as its read answers it: nothing rescheduled or reminded yet, so no queries.</summary>
    public static AppointmentResponse Booked(Appointment appointment, TimeZoneInfo zone) =>
        From(appointment, zone) with { History = [], Reminders = [] };

    /// <summary>One appointment with its history and reminders (<c>[]</c> when none): what its read and every write answer.</summary>
    public static async Task<AppointmentResponse> DetailAsync(SchedulingDb db, Appointment appointment, CancellationToken cancellationToken)
    {
        var history = await db.Reschedules.AsNoTracking().Where(r => r.AppointmentId == appointment.Id)
            .OrderBy(r => r.RescheduledAt).ThenBy(r => r.Id).ToListAsync(cancellationToken);
        var reminders = await db.Reminders.AsNoTracking().Where(r => r.AppointmentId == appointment.Id)
            .OrderBy(r => r.QueuedAt).ToListAsync(cancellationToken);
        return await OneAsync(db, appointment, cancellationToken) with
        {
            History = history.ConvertAll(RescheduleResponse.From),
            Reminders = reminders.ConvertAll(ReminderResponse.From),
        };
    }
}

internal sealed record RescheduleResponse(
    DateTimeOffset FromStartsAt, DateTimeOffset FromEndsAt, DateTimeOffset ToStartsAt, DateTimeOffset ToEndsAt, string Reason, Guid? ActorId,
    DateTimeOffset RescheduledAt)
{
    public static RescheduleResponse From(AppointmentReschedule r) =>
        new(r.FromStartsAt, r.FromEndsAt, r.ToStartsAt, r.ToEndsAt, r.Reason, r.ActorId, r.RescheduledAt);
}

internal sealed record ReminderResponse(string Kind, DateTimeOffset StartsAt, DateTimeOffset QueuedAt)
{
    public static ReminderResponse From(AppointmentReminder r) => new(r.Kind, r.StartsAt, r.QueuedAt);
}
