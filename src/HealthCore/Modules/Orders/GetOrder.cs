using HealthCore.Platform.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace HealthCore.Modules.Orders;

internal static class GetOrder
{
    public static async Task<Results<Ok<OrderResponse>, NotFoundProblem>> Handle(Guid id, OrdersDb db, HttpContext http, CancellationToken cancellationToken)
    {
        var order = await db.Orders.AsNoTracking().Include(o => o.Items).SingleOrDefaultAsync(o => o.Id == id, cancellationToken);
        if (order is null)
        {
            return NotFoundProblem.For("Order", id);
        }

        http.SetETag(order);
        return TypedResults.Ok(OrderResponse.From(order));
    }
}
