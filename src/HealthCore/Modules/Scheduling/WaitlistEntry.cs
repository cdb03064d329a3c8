using HealthCore.Platform.Database;

namespace HealthCore.Modules.Scheduling;

internal enum WaitlistPriority
{
    Low,
    Normal,
    High,
    Urgent,
}

internal enum WaitlistStatus
{
    Waiting,
    Offered,
    Booked,

    /// <summary>An offer was declined or not accepted in time; the entry leaves the list.</summary>
    Lapsed,
    Cancelled,
}

/// <summary>A patient waiting for a place with a practitioner and/or in a department between From and To.</summary>
internal sealed class WaitlistEntry : ITenantOwned, IVersioned
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid TenantId { get; set; }

    public int Version { get; set; }

    public Guid PatientId { get; init; }

    public Guid? PractitionerId { get; init; }

    public Guid? DepartmentId { get; init; }

    public DateTimeOffset WindowFrom { get; init; }

    public DateTimeOffset WindowTo { get; init; }

    public WaitlistPriority Priority { get; init; }

    public AppointmentType? Type { get; init; }

    public string? Reason { get; init; }

    public WaitlistStatus Status { get; set; } = WaitlistStatus.Waiting;

    public Guid? OfferedAppointmentId { get; set; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset StatusChangedAt { get; set; }

    public bool Fits(Appointment place) =>
        (PractitionerId is null || PractitionerId == place.PractitionerId)
        && (DepartmentId is null || DepartmentId == place.DepartmentId)
        && WindowFrom <= place.StartsAt && place.EndsAt <= WindowTo;
}
