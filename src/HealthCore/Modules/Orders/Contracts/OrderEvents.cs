namespace HealthCore.Modules.Orders.Contracts;

/// <summary>An item of an order as events carry it: the coded service billing charges for.</summary>
/// <param name="Status">The item's status when the event was published: active, inProgress, completed, revoked or enteredInError.</param>
/// <param name="PanelMembers">For a laboratory panel, the catalogue's tests it stood for when ordered (nested panels expanded); null for a single test or service.</param>
internal sealed record OrderedItem(Guid ItemId, string System, string Code, string? Display, string Status, IReadOnlyList<string>? PanelMembers = null);

/// <summary>An order was signed and placed (status active): the performing department may start on it.</summary>
/// <param name="Category">laboratory, imaging, referral or procedure.</param>
/// <param name="Priority">routine, urgent, asap or stat.</param>
internal sealed record OrderPlaced(
    Guid OrderId,
    Guid PatientId,
    Guid EncounterId,
    Guid FacilityId,
    string Category,
    string Priority,
    Guid RequesterId,
    Guid? PerformerDepartmentId,
    Guid? PerformerPractitionerId,
    IReadOnlyList<OrderedItem> Items,
    DateTimeOffset PlacedAt);

/// <summary>
/// A placed order will not be (fully) performed: cancelled or declined (<c>Status</c> revoked), or entered in error
/// (<c>Status</c> enteredInError, possibly after it was completed, when <paramref name="WasCompleted"/> says billing
/// must reverse its charges).
/// </summary>
internal sealed record OrderCancelled(
    Guid OrderId, Guid PatientId, Guid EncounterId, string Status, string Reason, bool WasCompleted, DateTimeOffset CancelledAt);

/// <summary>Every item of the order ended and at least one was performed: billing charges the completed items.</summary>
internal sealed record OrderCompleted(
    Guid OrderId,
    Guid PatientId,
    Guid EncounterId,
    Guid FacilityId,
    string Category,
    Guid? PerformerDepartmentId,
    IReadOnlyList<OrderedItem> Items,
    DateTimeOffset CompletedAt);
