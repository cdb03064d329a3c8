using HealthCore.Modules.Orders.Contracts;
using HealthCore.Platform.Http;

namespace HealthCore.Modules.Orders;

/// <summary>
/// The steps that change an order's status together with its items and publish what billing and the performers follow.
/// Each is taken from a status the transition tables allow, on a tracked order whose version guards the save, so two
/// racing requests cannot both take a step and every event is published exactly once.
/// </summary>
internal static class OrderLifecycle
{
    public static void Place(OrdersDb db, Order order, DateTimeOffset now, Guid? userId)
    {
        order.MoveTo(OrderStatus.Active, now);
        order.PlacedAt = now;
        order.PlacedBy = userId;
        foreach (var item in order.Items)
        {
            item.MoveTo(OrderItemStatus.Active, now);
        }

        db.AuditAs(order, "place");
        db.Publish(PlacedEvent(order), now);
    }

    public static OrderPlaced PlacedEvent(Order order) =>
        new(order.Id, order.PatientId, order.EncounterId, order.FacilityId, QueryEnum.Name(order.Category), QueryEnum.Name(order.Priority),
            order.RequesterId, order.PerformerDepartmentId, order.PerformerPractitionerId, OrderResponse.EventItems(order), order.PlacedAt!.Value);

    /// <summary>Cancelled by the requester side, or declined by the referral's receiving side: every item not yet completed goes with it.</summary>
    public static void Revoke(OrdersDb db, Order order, DateTimeOffset now, string reason, string verb)
    {
        foreach (var item in order.Items.Where(i => i.Status is not (OrderItemStatus.Completed or OrderItemStatus.Revoked)))
        {
            item.MoveTo(OrderItemStatus.Revoked, now, reason);
        }

        order.MoveTo(OrderStatus.Revoked, now, reason);
        db.AuditAs(order, verb);
        db.AuditReason(reason);
        PublishCancelled(db, order, now, reason, wasCompleted: false);
    }

    public static void MarkEnteredInError(OrdersDb db, Order order, DateTimeOffset now, string reason)
    {
        var wasCompleted = order.Status == OrderStatus.Completed;
        foreach (var item in order.Items)
        {
            item.MoveTo(OrderItemStatus.EnteredInError, now, reason);
        }

        order.MoveTo(OrderStatus.EnteredInError, now, reason);
        db.AuditAs(order, "entered-in-error");
        db.AuditReason(reason);
        PublishCancelled(db, order, now, reason, wasCompleted);
    }

    /// <summary>After an item moved: the first started item puts the order in progress; no open item left ends it.</summary>
    public static void Settle(OrdersDb db, Order order, DateTimeOffset now)
    {
        order.UpdatedAt = now;
        if (order.Items.Any(i => i.IsOpen))
        {
            if (order.Status == OrderStatus.Active && order.Items.Any(i => i.Status == OrderItemStatus.InProgress))
            {
                order.MoveTo(OrderStatus.InProgress, now);
            }

            return;
        }

        if (order.Items.Any(i => i.Status == OrderItemStatus.Completed))
        {
            order.MoveTo(OrderStatus.Completed, now);
            db.Publish(
                new OrderCompleted(order.Id, order.PatientId, order.EncounterId, order.FacilityId, QueryEnum.Name(order.Category), order.PerformerDepartmentId,
                    OrderResponse.EventItems(order), now),
                now);
        }
        else
        {
            const string reason = "Every item was cancelled.";
            order.MoveTo(OrderStatus.Revoked, now, reason);
            PublishCancelled(db, order, now, reason, wasCompleted: false);
        }
    }

    // Billing never saw a draft, so ending one publishes nothing.
    private static void PublishCancelled(OrdersDb db, Order order, DateTimeOffset now, string reason, bool wasCompleted)
    {
        if (order.WasPlaced)
        {
            db.Publish(new OrderCancelled(order.Id, order.PatientId, order.EncounterId, QueryEnum.Name(order.Status), reason, wasCompleted, now), now);
        }
    }
}
