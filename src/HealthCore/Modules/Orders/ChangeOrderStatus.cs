using HealthCore.Platform.Http;
using HealthCore.Platform.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace HealthCore.Modules.Orders;

/// <summary>place, hold, resume, cancel and entered-in-error: one step each, 409 naming the current status otherwise.</summary>
internal static class ChangeOrderStatus
{
    public static Task<Results<Ok<OrderResponse>, NotFoundProblem, ConflictProblem, PreconditionProblem, ForbiddenProblem, UnprocessableProblem>> Place(
        Guid id, OrdersDb db, OrderChecks checks, ICurrentTenant tenant, TimeProvider clock, HttpContext http, CancellationToken cancellationToken) =>
        OrderSteps.RunAsync(id, db, clock, http, async (order, now) =>
        {
            if (!OrderTransitions.Allows(OrderAction.Place, order.Status))
            {
                return OrderProblems.IllegalTransition(order, OrderAction.Place);
            }

            if (await checks.PlacementAsync(order, cancellationToken) is { } problem)
            {
                return problem;
            }

            OrderLifecycle.Place(db, order, now, tenant.UserId);
            return null;
        }, cancellationToken);

    public static Task<Results<Ok<OrderResponse>, NotFoundProblem, ConflictProblem, PreconditionProblem, ForbiddenProblem, UnprocessableProblem>> Hold(
        Guid id, OrdersDb db, TimeProvider clock, HttpContext http, CancellationToken cancellationToken) =>
        OrderSteps.RunAsync(id, db, clock, http, (order, now) => Task.FromResult<ApiProblem?>(Move(db, order, OrderAction.Hold, now, "hold")), cancellationToken);

    public static Task<Results<Ok<OrderResponse>, NotFoundProblem, ConflictProblem, PreconditionProblem, ForbiddenProblem, UnprocessableProblem>> Resume(
        Guid id, OrdersDb db, TimeProvider clock, HttpContext http, CancellationToken cancellationToken) =>
        OrderSteps.RunAsync(id, db, clock, http, (order, now) => Task.FromResult<ApiProblem?>(Move(db, order, OrderAction.Resume, now, "resume")), cancellationToken);

    public static Task<Results<Ok<OrderResponse>, NotFoundProblem, ConflictProblem, PreconditionProblem, ForbiddenProblem, UnprocessableProblem>> Cancel(
        Guid id, OrderReasonRequest request, OrdersDb db, TimeProvider clock, HttpContext http, CancellationToken cancellationToken) =>
        OrderSteps.RunAsync(id, db, clock, http, (order, now) =>
        {
            if (!OrderTransitions.Allows(OrderAction.Cancel, order.Status))
            {
                return Task.FromResult<ApiProblem?>(OrderProblems.IllegalTransition(order, OrderAction.Cancel));
            }

            OrderLifecycle.Revoke(db, order, now, request.Reason.Trim(), "cancel");
            return Task.FromResult<ApiProblem?>(null);
        }, cancellationToken);

    public static Task<Results<Ok<OrderResponse>, NotFoundProblem, ConflictProblem, PreconditionProblem, ForbiddenProblem, UnprocessableProblem>> MarkEnteredInError(
        Guid id, OrderReasonRequest request, OrdersDb db, TimeProvider clock, HttpContext http, CancellationToken cancellationToken) =>
        OrderSteps.RunAsync(id, db, clock, http, (order, now) =>
        {
            if (!OrderTransitions.Allows(OrderAction.MarkEnteredInError, order.Status))
            {
                return Task.FromResult<ApiProblem?>(OrderProblems.IllegalTransition(order, OrderAction.MarkEnteredInError));
            }

            OrderLifecycle.MarkEnteredInError(db, order, now, request.Reason.Trim());
            return Task.FromResult<ApiProblem?>(null);
        }, cancellationToken);

    private static ConflictProblem? Move(OrdersDb db, Order order, OrderAction action, DateTimeOffset now, string verb)
    {
        if (!OrderTransitions.Allows(action, order.Status))
        {
            return OrderProblems.IllegalTransition(order, action);
        }

        order.MoveTo(OrderTransitions.To(action), now);
        db.AuditAs(order, verb);
        return null;
    }
}
