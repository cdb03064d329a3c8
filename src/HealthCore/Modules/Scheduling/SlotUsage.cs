using HealthCore.Platform.Auditing;
using HealthCore.Platform.Database;

namespace HealthCore.Modules.Scheduling;

/// <summary>
/// How many places of one slot of one resource are taken. The only way a place is taken is the conditional UPDATE in
/// <see cref="SlotLedger"/>, which the database applies under the row's lock, so capacity holds under concurrency.
/// Bookkeeping derived from appointments (which are audited themselves), hence not audited.
/// </summary>
[NotAudited]
internal sealed class SlotUsage : ITenantOwned
{
    public Guid TenantId { get; set; }

    public required string ResourceKey { get; init; }

    public DateTimeOffset StartsAt { get; init; }

    public int Booked { get; init; }

    /// <summary>The schedule's capacity when the slot was last booked; Booked exceeds it only through overbooking.</summary>
    public int Capacity { get; init; }
}

/// <summary>
/// A reminder that was queued: the primary key (appointment, kind, start) is what makes a reminder go out at most once,
/// whichever instance or request gets there first. A rescheduled appointment gets reminders for its new time.
/// </summary>
[NotAudited]
internal sealed class AppointmentReminder : ITenantOwned
{
    public const string BeforeStart = "beforeStart";
    public const string Manual = "manual";

    public Guid TenantId { get; set; }

    public Guid AppointmentId { get; init; }

    public required string Kind { get; init; }

    public DateTimeOffset StartsAt { get; init; }

    public DateTimeOffset QueuedAt { get; init; }

    public Guid? RequestedBy { get; init; }
}
