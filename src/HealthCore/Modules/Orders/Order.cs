using HealthCore.Platform.Database;

namespace HealthCore.Modules.Orders;

/// <summary>
/// A requisition: FHIR R4 ServiceRequest with intent order (<c>subject</c>, <c>encounter</c>, <c>requester</c>,
/// <c>performer</c>, <c>category</c>, <c>priority</c>, <c>reasonCode</c>, <c>note</c>, <c>specimen</c> as the
/// requirements, <c>occurrence</c>, <c>supportingInfo</c> as the referral letter), grouping items that each have their
/// own status. It belongs to its encounter's facility. A draft changes only by its requester side; once placed it never
/// changes its content: a wrong order is cancelled and ordered again.
/// </summary>
internal sealed class Order : ITenantOwned, IVersioned
{
    public const int TextLength = 4000;
    public const int ReasonLength = 1000;
    public const int MaxItems = 50;

    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid TenantId { get; set; }

    public int Version { get; set; }

    public Guid PatientId { get; init; }

    public Guid EncounterId { get; init; }

    public Guid FacilityId { get; init; }

    public OrderCategory Category { get; init; }

    /// <summary>The practitioner on whose authority the service is requested.</summary>
    public Guid RequesterId { get; init; }

    /// <summary>The user who wrote the order (the requester or someone on their behalf).</summary>
    public Guid? EnteredBy { get; init; }

    public Guid? PerformerDepartmentId { get; set; }

    /// <summary>For a referral to a named practitioner.</summary>
    public Guid? PerformerPractitionerId { get; set; }

    public OrderPriority Priority { get; set; }

    /// <summary>Clinical content: why the service is needed.</summary>
    public OrderReason? Reason { get; set; }

    /// <summary>Clinical content: notes for the performer.</summary>
    public string? Note { get; set; }

    public string? SpecimenRequirements { get; set; }

    /// <summary>When the service should happen (FHIR occurrenceDateTime); null for as soon as the priority says.</summary>
    public DateTimeOffset? OccurrenceAt { get; set; }

    /// <summary>The appointment the service is booked in (e.g. the one a referral was accepted into).</summary>
    public Guid? AppointmentId { get; set; }

    /// <summary>A referral's letter: a clinical note of the same patient, of type referral letter.</summary>
    public Guid? ReferralLetterNoteId { get; set; }

    public OrderStatus Status { get; set; }

    /// <summary>Why it was cancelled, declined or entered in error.</summary>
    public string? StatusReason { get; set; }

    public DateTimeOffset StatusChangedAt { get; set; }

    public DateTimeOffset AuthoredOn { get; init; }

    public DateTimeOffset? PlacedAt { get; set; }

    public Guid? PlacedBy { get; set; }

    public ReferralDecision? ReferralDecision { get; set; }

    public DateTimeOffset? ReferralDecidedAt { get; set; }

    public Guid? ReferralDecidedBy { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public List<OrderItem> Items { get; init; } = [];

    public bool WasPlaced => PlacedAt is not null;

    public void MoveTo(OrderStatus status, DateTimeOffset now, string? reason = null)
    {
        Status = status;
        StatusChangedAt = now;
        StatusReason = reason ?? StatusReason;
        UpdatedAt = now;
    }
}

/// <summary>One test, exam or service of a requisition (FHIR: the code of a ServiceRequest the requisition groups).</summary>
internal sealed class OrderItem : ITenantOwned
{
    public const int CodeLength = 100;

    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid TenantId { get; set; }

    public Guid OrderId { get; init; }

    /// <summary>1-based position in the requisition.</summary>
    public int Sequence { get; init; }

    public required string System { get; init; }

    public required string Code { get; init; }

    public string? Display { get; init; }

    /// <summary>For a laboratory panel, the catalogue's tests it stands for (nested panels expanded); null for a single test or service.</summary>
    public List<string>? PanelMembers { get; init; }

    public OrderItemStatus Status { get; set; }

    public DateTimeOffset StatusChangedAt { get; set; }

    public string? StatusReason { get; set; }

    public bool IsOpen => Status is OrderItemStatus.Active or OrderItemStatus.InProgress;

    public void MoveTo(OrderItemStatus status, DateTimeOffset now, string? reason = null)
    {
        Status = status;
        StatusChangedAt = now;
        StatusReason = reason ?? StatusReason;
    }
}
