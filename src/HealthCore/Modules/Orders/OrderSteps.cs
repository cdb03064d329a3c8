using HealthCore.Platform.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace HealthCore.Modules.Orders;

/// <summary>
/// Runs one action on an order: loads it with its items (404), checks If-Match when sent (412), lets the step decide
/// (a problem, or changes to the tracked order), saves under the order's version (409 when someone else's step won)
/// and answers the order with its new ETag.
/// </summary>
internal static class OrderSteps
{
    public static async Task<Results<Ok<OrderResponse>, NotFoundProblem, ConflictProblem, PreconditionProblem, ForbiddenProblem, UnprocessableProblem>> RunAsync(
        Guid id, OrdersDb db, TimeProvider clock, HttpContext http, Func<Order, DateTimeOffset, Task<ApiProblem?>> step, CancellationToken cancellationToken)
    {
        var order = await db.Orders.Include(o => o.Items).SingleOrDefaultAsync(o => o.Id == id, cancellationToken);
        if (order is null)
        {
            return NotFoundProblem.For("Order", id);
        }

        if (http.Request.Headers.IfMatch.Count > 0 && db.CheckIfMatch(http.Request, order) is { } precondition)
        {
            return precondition;
        }

        switch (await step(order, clock.GetUtcNow()))
        {
            case NotFoundProblem missing: return missing;
            case ConflictProblem conflict: return conflict;
            case ForbiddenProblem forbidden: return forbidden;
            case UnprocessableProblem unprocessable: return unprocessable;
            case { } other: throw new InvalidOperationException($"An order step answered {other.GetType().Name}, which its endpoints do not declare.");
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return OrderProblems.ChangedConcurrently();
        }

        http.SetETag(order);
        return TypedResults.Ok(OrderResponse.From(order));
    }
}
