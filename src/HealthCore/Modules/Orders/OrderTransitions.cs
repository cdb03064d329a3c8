namespace HealthCore.Modules.Orders;

internal enum OrderAction
{
    Place,
    Hold,
    Resume,
    Cancel,
    MarkEnteredInError,
    AcceptReferral,
    DeclineReferral,
}

internal enum OrderItemAction
{
    Start,
    Complete,
    Cancel,
}

/// <summary>
/// The order's state machine. Holding and cancelling are for orders whose work has not begun: once an item is in
/// progress the performer owns it, and what remains is cancelled item by item. A referral is accepted or declined
/// only while it is active, by the receiving side. Any order but one already entered in error can be marked so.
/// inProgress and completed follow from the items (see <see cref="OrderItemTransitions"/>).
/// </summary>
internal static class OrderTransitions
{
    private static readonly Dictionary<OrderAction, (OrderStatus[] From, OrderStatus To)> Table = new()
    {
        [OrderAction.Place] = ([OrderStatus.Draft], OrderStatus.Active),
        [OrderAction.Hold] = ([OrderStatus.Active], OrderStatus.OnHold),
        [OrderAction.Resume] = ([OrderStatus.OnHold], OrderStatus.Active),
        [OrderAction.Cancel] = ([OrderStatus.Draft, OrderStatus.Active, OrderStatus.OnHold], OrderStatus.Revoked),
        [OrderAction.MarkEnteredInError] =
        (
            [OrderStatus.Draft, OrderStatus.Active, OrderStatus.OnHold, OrderStatus.InProgress, OrderStatus.Completed, OrderStatus.Revoked],
            OrderStatus.EnteredInError
        ),
        [OrderAction.AcceptReferral] = ([OrderStatus.Active], OrderStatus.InProgress),
        [OrderAction.DeclineReferral] = ([OrderStatus.Active], OrderStatus.Revoked),
    };

    public static OrderStatus To(OrderAction action) => Table[action].To;

    public static bool Allows(OrderAction action, OrderStatus status) => Table[action].From.Contains(status);
}

/// <summary>
/// An item's state machine: active → inProgress → completed, or revoked before it completes. Items start only while
/// their order is active or in progress (not on hold). The first item to start moves the order to inProgress; when no
/// item is left open the order is completed if any item completed, else revoked.
/// </summary>
internal static class OrderItemTransitions
{
    private static readonly Dictionary<OrderItemAction, (OrderItemStatus[] From, OrderItemStatus To)> Table = new()
    {
        [OrderItemAction.Start] = ([OrderItemStatus.Active], OrderItemStatus.InProgress),
        [OrderItemAction.Complete] = ([OrderItemStatus.InProgress], OrderItemStatus.Completed),
        [OrderItemAction.Cancel] = ([OrderItemStatus.Active, OrderItemStatus.InProgress], OrderItemStatus.Revoked),
    };

    public static OrderItemStatus To(OrderItemAction action) => Table[action].To;

    public static bool Allows(OrderItemAction action, OrderItemStatus status) => Table[action].From.Contains(status);

    public static bool OrderAllows(OrderStatus status) => status is OrderStatus.Active or OrderStatus.InProgress;
}
