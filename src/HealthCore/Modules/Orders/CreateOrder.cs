using HealthCore.Modules.Clinical.Contracts;
using HealthCore.Platform.Http;
using HealthCore.Platform.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace HealthCore.Modules.Orders;

internal static class CreateOrder
{
    public static async Task<Results<Created<OrderResponse>, ValidationProblem, ConflictProblem, NotFoundProblem, UnprocessableProblem>> Handle(
        CreateOrderRequest request, OrdersDb db, OrderChecks checks, IEncounterDirectory encounters, ICurrentTenant tenant, TimeProvider clock,
        HttpContext http, CancellationToken cancellationToken)
    {
        if (await encounters.FindEncounterAsync(request.EncounterId!.Value, cancellationToken) is not { } encounter)
        {
            return FieldErrors.Invalid("encounterId", $"No encounter '{request.EncounterId}' exists that you may see.");
        }

        if (encounter.IsVoid)
        {
            return OrderProblems.EncounterVoid(encounter);
        }

        var category = request.Category!.Value;
        var (tests, invalid) = await checks.DetailsAsync(category, encounter.PatientId, request, cancellationToken);
        if (invalid is not null)
        {
            return invalid;
        }

        var now = clock.GetUtcNow();
        if (request.AcknowledgeDuplicate != true && await DuplicateOrders.FindAsync(db, encounter.PatientId, tests, now, cancellationToken) is { } duplicate)
        {
            return duplicate;
        }

        var (requester, noRequester) = await checks.RequesterAsync(request.RequesterId, tenant.UserId, cancellationToken);
        if (noRequester is not null)
        {
            return noRequester;
        }

        var order = new Order
        {
            PatientId = encounter.PatientId,
            EncounterId = encounter.Id,
            FacilityId = encounter.FacilityId,
            Category = category,
            RequesterId = requester!.Value,
            EnteredBy = tenant.UserId,
            Status = OrderStatus.Draft,
            StatusChangedAt = now,
            AuthoredOn = now,
        };
        request.ApplyTo(order, now, OrderChecks.Panels(tests));
        if (request.Status == OrderStatus.Active)
        {
            switch (await checks.PlacementAsync(order, cancellationToken))
            {
                case NotFoundProblem missing: return missing;
                case ConflictProblem conflict: return conflict;
                case UnprocessableProblem unprocessable: return unprocessable;
            }

            OrderLifecycle.Place(db, order, now, tenant.UserId);
        }

        db.Orders.Add(order);
        await db.SaveChangesAsync(cancellationToken);
        http.SetETag(order);
        return TypedResults.Created($"/api/v1/orders/{order.Id}", OrderResponse.From(order));
    }
}
