using HealthCore.Modules.Orders.Contracts;
using HealthCore.Platform.Http;

namespace HealthCore.Modules.Orders;

/// <param name="PanelMembers">For a laboratory panel, the test codes it stands for; null otherwise.</param>
internal sealed record OrderItemResponse(
    Guid Id, int Sequence, string System, string Code, string? Display, IReadOnlyList<string>? PanelMembers, OrderItemStatus Status,
    DateTimeOffset StatusChangedAt, string? StatusReason)
{
    public static OrderItemResponse From(OrderItem i) =>
        new(i.Id, i.Sequence, i.System, i.Code, i.Display, i.PanelMembers, i.Status, i.StatusChangedAt, i.StatusReason);
}

/// <summary>How the receiving side answered a referral; null until it did.</summary>
internal sealed record ReferralAnswer(ReferralDecision Decision, DateTimeOffset DecidedAt, Guid? DecidedBy);

/// <summary>An order as FHIR ServiceRequest (intent order) with its items.</summary>
internal sealed record OrderResponse(
    Guid Id,
    string Intent,
    OrderStatus Status,
    string? StatusReason,
    DateTimeOffset StatusChangedAt,
    OrderCategory Category,
    OrderPriority Priority,
    Guid PatientId,
    Guid EncounterId,
    Guid FacilityId,
    Guid RequesterId,
    Guid? EnteredBy,
    Guid? PerformerDepartmentId,
    Guid? PerformerPractitionerId,
    OrderReason? Reason,
    string? Note,
    string? SpecimenRequirements,
    DateTimeOffset? OccurrenceAt,
    Guid? AppointmentId,
    Guid? ReferralLetterNoteId,
    ReferralAnswer? Referral,
    DateTimeOffset AuthoredOn,
    DateTimeOffset? PlacedAt,
    Guid? PlacedBy,
    IReadOnlyList<OrderItemResponse> Items,
    int Version)
{
    public static OrderResponse From(Order o) =>
        new(o.Id, "order", o.Status, o.StatusReason, o.StatusChangedAt, o.Category, o.Priority, o.PatientId, o.EncounterId, o.FacilityId, o.RequesterId,
            o.EnteredBy, o.PerformerDepartmentId, o.PerformerPractitionerId, o.Reason, o.Note, o.SpecimenRequirements, o.OccurrenceAt, o.AppointmentId,
            o.ReferralLetterNoteId,
            o.ReferralDecision is { } decision ? new ReferralAnswer(decision, o.ReferralDecidedAt!.Value, o.ReferralDecidedBy) : null,
            o.AuthoredOn, o.PlacedAt, o.PlacedBy, [.. o.Items.OrderBy(i => i.Sequence).Select(OrderItemResponse.From)], o.Version);

    public static IReadOnlyList<OrderedItem> EventItems(Order o) =>
        [.. o.Items.OrderBy(i => i.Sequence).Select(i => new OrderedItem(i.Id, i.System, i.Code, i.Display, QueryEnum.Name(i.Status), i.PanelMembers))];
}
