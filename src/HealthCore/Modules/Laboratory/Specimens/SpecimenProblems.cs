using HealthCore.Platform.Http;

namespace HealthCore.Modules.Laboratory;

internal static class SpecimenProblems
{
    public static NotFoundProblem NotFound(object id) => NotFoundProblem.For("Specimen", id);

    public static NotFoundProblem OrderNotFound(Guid orderId) =>
        new("Laboratory order not found.", $"No placed laboratory order with id '{orderId}' exists (or it belongs to another tenant or facility).");

    public static ConflictProblem RequestCancelled(LabRequest request) =>
        new("The laboratory order is cancelled.", "Nothing is collected for a cancelled order.",
            new Dictionary<string, object?> { ["rule"] = "order-cancelled", ["currentStatus"] = QueryEnum.Name(request.Status) });

    public static ConflictProblem NotAwaitingCollection(IReadOnlyList<LabRequestItem> items) =>
        new("Items are not awaiting collection.",
            items.Count == 0
                ? "No item of the order is awaiting collection."
                : $"Only items awaiting collection are collected: {string.Join(", ", items.Select(i => $"item {i.Sequence} ({i.Code}) is {QueryEnum.Name(i.Status)}"))}.",
            new Dictionary<string, object?>
            {
                ["rule"] = "item-not-awaiting-collection",
                ["items"] = items.Select(i => new Dictionary<string, object?> { ["itemId"] = i.Id, ["currentStatus"] = QueryEnum.Name(i.Status) }).ToList(),
            });

    public static ConflictProblem IllegalTransition(Specimen specimen, string action, params SpecimenStatus[] allowed) =>
        new($"The specimen is {QueryEnum.Name(specimen.Status)}.",
            $"A specimen is {action} only while {string.Join(" or ", allowed.Select(QueryEnum.Name))}.",
            new Dictionary<string, object?> { ["rule"] = "specimen-transition", ["action"] = action, ["currentStatus"] = QueryEnum.Name(specimen.Status) });

    public static ConflictProblem ResultsEntered(IReadOnlyList<LabRequestItem> items) =>
        new("Results were entered from the specimen.",
            $"A specimen is rejected only before any result of its items is entered: {string.Join(", ", items.Select(i => $"item {i.Sequence} ({i.Code}) is {QueryEnum.Name(i.Status)}"))}.",
            new Dictionary<string, object?>
            {
                ["rule"] = "specimen-has-results",
                ["items"] = items.Select(i => new Dictionary<string, object?> { ["itemId"] = i.Id, ["currentStatus"] = QueryEnum.Name(i.Status) }).ToList(),
            });

    public static ConflictProblem ChangedConcurrently() =>
        new("The order was changed at the same time.", "Someone else changed the order or the specimen while this request ran; read it again and retry if it still applies.",
            new Dictionary<string, object?> { ["rule"] = "concurrent-change" });

    public static UnprocessableProblem Unprocessable(string field, string message) =>
        new("The request breaks a rule.", message,
            new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { [field] = [message] } });
}
