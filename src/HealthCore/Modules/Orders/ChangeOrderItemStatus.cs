using HealthCore.Platform.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace HealthCore.Modules.Orders;

/// <summary>
/// The performer starts and completes an order's items; the requester side cancels the ones it no longer wants. The
/// order follows (see <see cref="OrderLifecycle.Settle"/>).
/// </summary>
internal static class ChangeOrderItemStatus
{
    public static Task<Results<Ok<OrderResponse>, NotFoundProblem, ConflictProblem, PreconditionProblem, ForbiddenProblem, UnprocessableProblem>> Start(
        Guid id, Guid itemId, OrdersDb db, TimeProvider clock, HttpContext http, CancellationToken cancellationToken) =>
        StepAsync(id, itemId, OrderItemAction.Start, null, db, clock, http, cancellationToken);

    public static Task<Results<Ok<OrderResponse>, NotFoundProblem, ConflictProblem, PreconditionProblem, ForbiddenProblem, UnprocessableProblem>> Complete(
        Guid id, Guid itemId, OrdersDb db, TimeProvider clock, HttpContext http, CancellationToken cancellationToken) =>
        StepAsync(id, itemId, OrderItemAction.Complete, null, db, clock, http, cancellationToken);

    public static Task<Results<Ok<OrderResponse>, NotFoundProblem, ConflictProblem, PreconditionProblem, ForbiddenProblem, UnprocessableProblem>> Cancel(
        Guid id, Guid itemId, OrderReasonRequest request, OrdersDb db, TimeProvider clock, HttpContext http, CancellationToken cancellationToken) =>
        StepAsync(id, itemId, OrderItemAction.Cancel, request.Reason.Trim(), db, clock, http, cancellationToken);

    private static Task<Results<Ok<OrderResponse>, NotFoundProblem, ConflictProblem, PreconditionProblem, ForbiddenProblem, UnprocessableProblem>> StepAsync(
        Guid id, Guid itemId, OrderItemAction action, string? reason, OrdersDb db, TimeProvider clock, HttpContext http, CancellationToken cancellationToken) =>
        OrderSteps.RunAsync(id, db, clock, http, (order, now) => Task.FromResult(Step(db, order, itemId, action, reason, now)), cancellationToken);

    private static ApiProblem? Step(OrdersDb db, Order order, Guid itemId, OrderItemAction action, string? reason, DateTimeOffset now)
    {
        if (order.Items.SingleOrDefault(i => i.Id == itemId) is not { } item)
        {
            return OrderProblems.ItemNotFound(order.Id, itemId);
        }

        if (!OrderItemTransitions.OrderAllows(order.Status) && !(action == OrderItemAction.Cancel && order.Status == OrderStatus.OnHold))
        {
            return OrderProblems.OrderNotWorkable(order);
        }

        if (!OrderItemTransitions.Allows(action, item.Status))
        {
            return OrderProblems.IllegalItemTransition(item, action);
        }

        if (action == OrderItemAction.Start && order.Category == OrderCategory.Referral)
        {
            return OrderProblems.ReferralStartsByAcceptance();
        }

        item.MoveTo(OrderItemTransitions.To(action), now, reason);
        db.AuditAs(order, $"{QueryEnum.Name(action)}-item");
        db.AuditReason(reason);
        OrderLifecycle.Settle(db, order, now);
        return null;
    }
}
