using HealthCore.Modules.Clinical.Contracts;
using HealthCore.Platform.Http;

namespace HealthCore.Modules.Orders;

internal static class OrderProblems
{
    public static ConflictProblem IllegalTransition(Order order, OrderAction action) =>
        new($"The order is {QueryEnum.Name(order.Status)}.",
            $"An order that is {QueryEnum.Name(order.Status)} cannot be taken to {QueryEnum.Name(OrderTransitions.To(action))} by {QueryEnum.Name(action)}.",
            new Dictionary<string, object?> { ["rule"] = "order-transition", ["action"] = QueryEnum.Name(action), ["currentStatus"] = QueryEnum.Name(order.Status) });

    public static ConflictProblem IllegalItemTransition(OrderItem item, OrderItemAction action) =>
        new($"The item is {QueryEnum.Name(item.Status)}.",
            $"Item {item.Sequence} ({item.Code}) is {QueryEnum.Name(item.Status)} and cannot be taken to {QueryEnum.Name(OrderItemTransitions.To(action))}.",
            new Dictionary<string, object?>
            {
                ["rule"] = "order-item-transition", ["action"] = QueryEnum.Name(action), ["itemId"] = item.Id, ["currentStatus"] = QueryEnum.Name(item.Status),
            });

    public static ConflictProblem OrderNotWorkable(Order order) =>
        new($"The order is {QueryEnum.Name(order.Status)}.",
            "Items are worked on only while their order is active or in progress (not a draft, on hold or ended).",
            new Dictionary<string, object?> { ["rule"] = "order-not-workable", ["currentStatus"] = QueryEnum.Name(order.Status) });

    public static ConflictProblem NotADraft(Order order) =>
        new($"The order is {QueryEnum.Name(order.Status)}.",
            "Only a draft can be edited: a placed order is cancelled and ordered again.",
            new Dictionary<string, object?> { ["rule"] = "placed-order-is-not-edited", ["currentStatus"] = QueryEnum.Name(order.Status) });

    public static ConflictProblem EncounterVoid(EncounterFacts encounter) =>
        new($"The encounter is {encounter.Status}.",
            "A cancelled encounter or one entered in error takes no orders.",
            new Dictionary<string, object?> { ["rule"] = "encounter-takes-no-orders", ["encounterStatus"] = encounter.Status });

    public static ConflictProblem NotAReferral(Order order) =>
        new("The order is not a referral.", $"Only referrals are accepted or declined; this order is of category {QueryEnum.Name(order.Category)}.",
            new Dictionary<string, object?> { ["rule"] = "not-a-referral", ["category"] = QueryEnum.Name(order.Category) });

    public static ConflictProblem ReferralStartsByAcceptance() =>
        new("A referral starts when it is accepted.", "The receiving side accepts the referral (POST /api/v1/orders/{id}/accept) instead of starting its item.",
            new Dictionary<string, object?> { ["rule"] = "referral-starts-by-acceptance" });

    public static ConflictProblem ChangedConcurrently() =>
        new("The order was changed at the same time.", "Someone else changed the order while this request ran; read it again and retry if it still applies.",
            new Dictionary<string, object?> { ["rule"] = "concurrent-change" });

    public static ForbiddenProblem NotRequesterSide() =>
        new("Only the requester side edits a draft.", "A draft is edited by the user who wrote it or by the practitioner who requests it.");

    public static ForbiddenProblem NotReceivingSide() =>
        new("Only the receiving side answers a referral.",
            "A referral is accepted or declined by the practitioner it is addressed to or a member of the department it is addressed to.");

    public static UnprocessableProblem Unplaceable(string field, string message) =>
        new("The order cannot be placed yet.", message,
            new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { [field] = [message] } });

    public static ApiProblem ItemNotFound(Guid orderId, Guid itemId) =>
        new NotFoundProblem("Order item not found.", $"Order {orderId} has no item '{itemId}'.");
}
