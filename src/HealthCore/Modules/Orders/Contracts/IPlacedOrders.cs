namespace HealthCore.Modules.Orders.Contracts;

/// <summary>Placed orders as their performers receive them, for a performer that has not yet seen the OrderPlaced event.</summary>
internal interface IPlacedOrders
{
    /// <summary>
    /// The order of the current tenant (in a facility the user may see) as OrderPlaced carried it, with its items'
    /// current statuses; null when there is none or it was never placed.
    /// </summary>
    Task<OrderPlaced?> FindAsync(Guid orderId, CancellationToken cancellationToken);
}
