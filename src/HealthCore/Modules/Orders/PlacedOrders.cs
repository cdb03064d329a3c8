using HealthCore.Modules.Orders.Contracts;
using Microsoft.EntityFrameworkCore;

namespace HealthCore.Modules.Orders;

internal sealed class PlacedOrders(OrdersDb db) : IPlacedOrders
{
    public async Task<OrderPlaced?> FindAsync(Guid orderId, CancellationToken cancellationToken)
    {
        var order = await db.Orders.AsNoTracking().Include(o => o.Items)
            .SingleOrDefaultAsync(o => o.Id == orderId && o.PlacedAt != null, cancellationToken);
        return order is null ? null : OrderLifecycle.PlacedEvent(order);
    }
}
