using System.ComponentModel.DataAnnotations;
using HealthCore.Platform.Http;

namespace HealthCore.Modules.Orders;

/// <summary>
/// What a draft order says and its requester side may change: the items, priority, reason, notes, specimen
/// requirements, time, performer, linked appointment and, for a referral, its letter. Patient, encounter, category and
/// requester are fixed when it is written.
/// </summary>
internal abstract record OrderContent
{
    [Required, MinLength(1), MaxLength(Order.MaxItems)]
    public IReadOnlyList<OrderCoding>? Items { get; init; }

    public OrderPriority? Priority { get; init; }

    public OrderReason? Reason { get; init; }

    [StringLength(Order.TextLength)]
    public string? Note { get; init; }

    [StringLength(Order.TextLength)]
    public string? SpecimenRequirements { get; init; }

    [PlausibleInstant]
    public DateTimeOffset? OccurrenceAt { get; init; }

    public Guid? PerformerDepartmentId { get; init; }

    public Guid? PerformerPractitionerId { get; init; }

    public Guid? AppointmentId { get; init; }

    public Guid? ReferralLetterNoteId { get; init; }

    /// <summary>Writes the content into a draft, replacing its items; a panel's items list the tests of <paramref name="panels"/>.</summary>
    public void ApplyTo(Order order, DateTimeOffset now, IReadOnlyDictionary<string, IReadOnlyList<string>> panels)
    {
        order.Priority = Priority ?? OrderPriority.Routine;
        order.Reason = Reason;
        order.Note = Trimmed(Note);
        order.SpecimenRequirements = Trimmed(SpecimenRequirements);
        order.OccurrenceAt = OccurrenceAt;
        order.PerformerDepartmentId = PerformerDepartmentId;
        order.PerformerPractitionerId = PerformerPractitionerId;
        order.AppointmentId = AppointmentId;
        order.ReferralLetterNoteId = ReferralLetterNoteId;
        order.UpdatedAt = now;
        order.Items.Clear();
        order.Items.AddRange(Items!.Select((coding, index) => new OrderItem
        {
            OrderId = order.Id, Sequence = index + 1, System = coding.System.Trim(), Code = coding.Code.Trim(), Display = Trimmed(coding.Display),
            PanelMembers = panels.TryGetValue(coding.Code.Trim(), out var members) ? [.. members] : null, Status = OrderItemStatus.Draft, StatusChangedAt = now,
        }));
    }

    private static string? Trimmed(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}

/// <summary>A draft's content as a PATCH merges into it.</summary>
internal sealed record OrderDetails : OrderContent
{
    public static OrderDetails Of(Order order) => new()
    {
        Items = [.. order.Items.OrderBy(i => i.Sequence).Select(i => new OrderCoding(i.System, i.Code, i.Display))],
        Priority = order.Priority,
        Reason = order.Reason,
        Note = order.Note,
        SpecimenRequirements = order.SpecimenRequirements,
        OccurrenceAt = order.OccurrenceAt,
        PerformerDepartmentId = order.PerformerDepartmentId,
        PerformerPractitionerId = order.PerformerPractitionerId,
        AppointmentId = order.AppointmentId,
        ReferralLetterNoteId = order.ReferralLetterNoteId,
    };
}

/// <summary>
/// A new order for an encounter. <c>status</c> draft (the default) keeps it editable; active signs and places it at
/// once. <c>requesterId</c> defaults to the practitioner linked to your user account.
/// </summary>
internal sealed record CreateOrderRequest : OrderContent, IValidatableObject
{
    [Required]
    public Guid? EncounterId { get; init; }

    [Required]
    public OrderCategory? Category { get; init; }

    public Guid? RequesterId { get; init; }

    public OrderStatus? Status { get; init; }

    public bool? AcknowledgeDuplicate { get; init; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Status is not (null or OrderStatus.Draft or OrderStatus.Active))
        {
            yield return new ValidationResult("An order is written as draft or active (placed at once); its other statuses are reached by its actions.", [nameof(Status)]);
        }
    }
}

internal sealed record OrderReasonRequest([Required, StringLength(Order.ReasonLength, MinimumLength = 1)] string Reason);

/// <summary>The receiving side takes the referral on, optionally into an appointment it booked for the patient.</summary>
internal sealed record AcceptReferralRequest(Guid? AppointmentId);
