using HealthCore.Platform.Http;
using HealthCore.Platform.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace HealthCore.Modules.Orders;

/// <summary>The receiving side of a referral accepts it (into an appointment, when one was booked) or declines it with a reason.</summary>
internal static class AnswerReferral
{
    public static Task<Results<Ok<OrderResponse>, NotFoundProblem, ConflictProblem, PreconditionProblem, ForbiddenProblem, UnprocessableProblem>> Accept(
        Guid id, AcceptReferralRequest? request, OrdersDb db, OrderChecks checks, ICurrentTenant tenant, TimeProvider clock, HttpContext http,
        CancellationToken cancellationToken) =>
        OrderSteps.RunAsync(id, db, clock, http, async (order, now) =>
        {
            if (await RefusedAsync(order, OrderAction.AcceptReferral, checks, tenant, cancellationToken) is { } problem)
            {
                return problem;
            }

            foreach (var item in order.Items)
            {
                item.MoveTo(OrderItemStatus.InProgress, now);
            }

            order.MoveTo(OrderStatus.InProgress, now);
            order.AppointmentId = request?.AppointmentId ?? order.AppointmentId;
            Decide(order, ReferralDecision.Accepted, now, tenant.UserId);
            db.AuditAs(order, "accept-referral");
            return null;
        }, cancellationToken);

    public static Task<Results<Ok<OrderResponse>, NotFoundProblem, ConflictProblem, PreconditionProblem, ForbiddenProblem, UnprocessableProblem>> Decline(
        Guid id, OrderReasonRequest request, OrdersDb db, OrderChecks checks, ICurrentTenant tenant, TimeProvider clock, HttpContext http,
        CancellationToken cancellationToken) =>
        OrderSteps.RunAsync(id, db, clock, http, async (order, now) =>
        {
            if (await RefusedAsync(order, OrderAction.DeclineReferral, checks, tenant, cancellationToken) is { } problem)
            {
                return problem;
            }

            Decide(order, ReferralDecision.Declined, now, tenant.UserId);
            OrderLifecycle.Revoke(db, order, now, request.Reason.Trim(), "decline-referral");
            return null;
        }, cancellationToken);

    private static async Task<ApiProblem?> RefusedAsync(Order order, OrderAction action, OrderChecks checks, ICurrentTenant tenant, CancellationToken cancellationToken)
    {
        if (order.Category != OrderCategory.Referral)
        {
            return OrderProblems.NotAReferral(order);
        }

        if (!await checks.IsReceivingSideAsync(order, tenant.UserId, cancellationToken))
        {
            return OrderProblems.NotReceivingSide();
        }

        return OrderTransitions.Allows(action, order.Status) ? null : OrderProblems.IllegalTransition(order, action);
    }

    private static void Decide(Order order, ReferralDecision decision, DateTimeOffset now, Guid? userId)
    {
        order.ReferralDecision = decision;
        order.ReferralDecidedAt = now;
        order.ReferralDecidedBy = userId;
    }
}
