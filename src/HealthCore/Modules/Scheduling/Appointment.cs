using HealthCore.Platform.Database;

namespace HealthCore.Modules.Scheduling;

internal enum AppointmentType
{
    NewConsultation,
    FollowUp,
    Procedure,
    ImagingExam,
}

internal enum AppointmentStatus
{
    /// <summary>Held for a waitlisted patient until the offer is accepted, declined or expires.</summary>
    Offered,
    Booked,
    Confirmed,
    CheckedIn,
    InProgress,
    Completed,
    Cancelled,
    NoShow,

    /// <summary>A waitlist offer that was not accepted in time.</summary>
    Expired,
}

internal sealed class Appointment : ITenantOwned, IVersioned
{
    /// <summary>Statuses that hold the patient's time: another appointment of the patient may not overlap these.</summary>
    public static readonly AppointmentStatus[] Active =
        [AppointmentStatus.Offered, AppointmentStatus.Booked, AppointmentStatus.Confirmed, AppointmentStatus.CheckedIn, AppointmentStatus.InProgress];

    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid TenantId { get; set; }

    public int Version { get; set; }

    public Guid PatientId { get; init; }

    public Guid ScheduleId { get; init; }

    public Guid? PractitionerId { get; init; }

    public string? Modality { get; init; }

    public Guid DepartmentId { get; init; }

    public required string ResourceKey { get; init; }

    public DateTimeOffset StartsAt { get; set; }

    public DateTimeOffset EndsAt { get; set; }

    public AppointmentType Type { get; init; }

    public AppointmentStatus Status { get; private set; } = AppointmentStatus.Booked;

    public string? Reason { get; init; }

    public string? Notes { get; init; }

    public string? ExamType { get; init; }

    public string? PreparationInstructions { get; init; }

    public bool Overbooked { get; init; }

    public string? CancellationReason { get; private set; }

    public Guid? WaitlistEntryId { get; init; }

    public DateTimeOffset? OfferExpiresAt { get; private set; }

    public DateTimeOffset CreatedAt
    {
        get;
        init
        {
            field = value;
            StatusChangedAt = value;
        }
    }

    public Guid? CreatedBy { get; init; }

    /// <summary>When the status last changed; the creation time while it never has.</summary>
    public DateTimeOffset StatusChangedAt { get; private set; }

    public bool IsActive => Active.Contains(Status);

    public static Appointment Offer(Schedule schedule, WaitlistEntry entry, DateTimeOffset start, DateTimeOffset end, AppointmentType type, DateTimeOffset now, DateTimeOffset expiresAt) =>
        new()
        {
            PatientId = entry.PatientId,
            ScheduleId = schedule.Id,
            PractitionerId = schedule.PractitionerId,
            Modality = schedule.Modality,
            DepartmentId = schedule.DepartmentId,
            ResourceKey = schedule.ResourceKey,
            StartsAt = start,
            EndsAt = end,
            Type = entry.Type ?? type,
            Reason = entry.Reason,
            WaitlistEntryId = entry.Id,
            Status = AppointmentStatus.Offered,
            OfferExpiresAt = expiresAt,
            CreatedAt = now,
            StatusChangedAt = now,
        };

    /// <summary>Moves to the action's target status; false (and no change) when the action is illegal in the current status.</summary>
    public bool TryApply(AppointmentAction action, DateTimeOffset now)
    {
        var (from, to) = AppointmentTransitions.Of(action);
        if (!from.Contains(Status))
        {
            return false;
        }

        if (to is { } target && target != Status)
        {
            Status = target;
            StatusChangedAt = now;
            OfferExpiresAt = null;
        }

        return true;
    }

    /// <summary>Cancels (from booked or confirmed), or with <see cref="AppointmentAction.DeclineOffer"/> declines an offer.</summary>
    public bool TryCancel(string reason, DateTimeOffset now, AppointmentAction action = AppointmentAction.Cancel)
    {
        if (!TryApply(action, now))
        {
            return false;
        }

        CancellationReason = reason;
        return true;
    }
}

internal enum AppointmentAction
{
    Confirm,
    CheckIn,
    Start,
    Complete,
    Cancel,
    NoShow,
    Reschedule,
    Remind,
    AcceptOffer,
    DeclineOffer,
    ExpireOffer,
}

/// <summary>
/// The appointment status machine: booked → confirmed → checked-in → in-progress → completed; booked or confirmed →
/// cancelled or no-show; offered → booked (accepted), cancelled (declined) or expired. A patient who arrives without
/// having confirmed can be checked in straight from booked.
/// </summary>
internal static class AppointmentTransitions
{
    private static readonly AppointmentStatus[] Upcoming = [AppointmentStatus.Booked, AppointmentStatus.Confirmed];

    private static readonly Dictionary<AppointmentAction, (AppointmentStatus[] From, AppointmentStatus? To)> Table = new()
    {
        [AppointmentAction.Confirm] = ([AppointmentStatus.Booked], AppointmentStatus.Confirmed),
        [AppointmentAction.CheckIn] = (Upcoming, AppointmentStatus.CheckedIn),
        [AppointmentAction.Start] = ([AppointmentStatus.CheckedIn], AppointmentStatus.InProgress),
        [AppointmentAction.Complete] = ([AppointmentStatus.InProgress], AppointmentStatus.Completed),
        [AppointmentAction.Cancel] = (Upcoming, AppointmentStatus.Cancelled),
        [AppointmentAction.NoShow] = (Upcoming, AppointmentStatus.NoShow),
        [AppointmentAction.Reschedule] = (Upcoming, AppointmentStatus.Booked),
        [AppointmentAction.Remind] = (Upcoming, null),
        [AppointmentAction.AcceptOffer] = ([AppointmentStatus.Offered], AppointmentStatus.Booked),
        [AppointmentAction.DeclineOffer] = ([AppointmentStatus.Offered], AppointmentStatus.Cancelled),
        [AppointmentAction.ExpireOffer] = ([AppointmentStatus.Offered], AppointmentStatus.Expired),
    };

    public static (AppointmentStatus[] From, AppointmentStatus? To) Of(AppointmentAction action) => Table[action];

    public static bool Allows(AppointmentAction action, AppointmentStatus status) => Table[action].From.Contains(status);
}

/// <summary>One move of an appointment: from and to which times, why, by whom.</summary>
internal sealed class AppointmentReschedule : ITenantOwned
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid TenantId { get; set; }

    public Guid AppointmentId { get; init; }

    public DateTimeOffset FromStartsAt { get; init; }

    public DateTimeOffset FromEndsAt { get; init; }

    public DateTimeOffset ToStartsAt { get; init; }

    public DateTimeOffset ToEndsAt { get; init; }

    public required string Reason { get; init; }

    public Guid? ActorId { get; init; }

    public DateTimeOffset RescheduledAt { get; init; }
}
