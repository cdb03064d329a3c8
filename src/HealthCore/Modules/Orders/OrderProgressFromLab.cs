using HealthCore.Modules.Laboratory.Contracts;
using HealthCore.Platform.Database;
using HealthCore.Platform.Events;
using Microsoft.EntityFrameworkCore;

namespace HealthCore.Modules.Orders;

/// <summary>
/// The laboratory performs laboratory orders: a collected specimen starts its items, verified results complete
/// them (starting them first when the lab skipped the step; a correction finds them completed), and the order follows. Steps the order no longer
/// allows (it was cancelled meanwhile) are left out; a redelivery finds the items already moved.
/// </summary>
internal sealed class OrderProgressFromLab(OrdersDb db) : IIntegrationEventHandler<LabWorkStarted>, IIntegrationEventHandler<LabResultsReleased>
{
    public Task HandleAsync(LabWorkStarted started, IntegrationEventContext context, CancellationToken cancellationToken) =>
        MoveAsync(started.OrderId, started.ItemIds, [OrderItemAction.Start], started.StartedAt, cancellationToken);

    public Task HandleAsync(LabResultsReleased released, IntegrationEventContext context, CancellationToken cancellationToken) =>
        MoveAsync(released.OrderId, [released.ItemId], [OrderItemAction.Start, OrderItemAction.Complete], released.ReleasedAt, cancellationToken);

    private async Task MoveAsync(Guid orderId, IReadOnlyList<Guid> itemIds, OrderItemAction[] steps, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var order = await db.Orders.IgnoreQueryFilters([ModuleDbContext.FacilityFilterName]).Include(o => o.Items)
            .SingleOrDefaultAsync(o => o.Id == orderId, cancellationToken);
        if (order is null || !OrderItemTransitions.OrderAllows(order.Status))
        {
            return;
        }

        var moved = false;
        foreach (var item in order.Items.Where(i => itemIds.Contains(i.Id)))
        {
            foreach (var step in steps.Where(step => OrderItemTransitions.Allows(step, item.Status)))
            {
                item.MoveTo(OrderItemTransitions.To(step), at);
                moved = true;
            }
        }

        if (moved)
        {
            db.AuditAs(order, "laboratory-progress");
            OrderLifecycle.Settle(db, order, at);
            await db.SaveChangesAsync(cancellationToken);
        }
    }
}
