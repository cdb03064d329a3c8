using HealthCore.Modules.Laboratory.Contracts;
using HealthCore.Platform.Http;
using Microsoft.EntityFrameworkCore;

namespace HealthCore.Modules.Orders;

/// <summary>
/// The duplicate-order warning: a laboratory test the patient already has ordered (not cancelled or entered in error)
/// inside the test's minimum re-test interval (catalogue field) is most often a second request for the same sample. It
/// is a warning the orderer may acknowledge, not an invariant, so the database does not enforce it: two identical
/// orders written at the same instant can both pass, and both are visible to the lab.
/// </summary>
internal static class DuplicateOrders
{
    public static async Task<ConflictProblem?> FindAsync(
        OrdersDb db, Guid patientId, IReadOnlyDictionary<string, LabTestDefinition> tests, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var intervals = tests.Values.Where(t => t.MinimumRetestInterval is not null).ToDictionary(t => t.Code, t => t.MinimumRetestInterval!.Value, StringComparer.Ordinal);
        if (intervals.Count == 0)
        {
            return null;
        }

        var codes = intervals.Keys.ToList();
        var since = now - intervals.Values.Max();
        var candidates = await db.OrderItems.AsNoTracking()
            .Join(db.Orders.AsNoTracking(), i => i.OrderId, o => o.Id, (i, o) => new { Item = i, Order = o })
            .Where(x => x.Order.PatientId == patientId && x.Order.Category == OrderCategory.Laboratory && x.Order.AuthoredOn >= since
                && x.Order.Status != OrderStatus.Revoked && x.Order.Status != OrderStatus.EnteredInError
                && x.Item.Status != OrderItemStatus.Revoked && x.Item.Status != OrderItemStatus.EnteredInError
                && codes.Contains(x.Item.Code))
            .Select(x => new { x.Order.Id, x.Item.Code, x.Order.AuthoredOn })
            .ToListAsync(cancellationToken);
        var existing = candidates.Where(c => c.AuthoredOn > now - intervals[c.Code]).OrderByDescending(c => c.AuthoredOn).FirstOrDefault();
        return existing is null
            ? null
            : new ConflictProblem(
                "The test is already ordered for the patient.",
                $"Order {existing.Id} of {existing.AuthoredOn:O} has {existing.Code}, inside its minimum re-test interval; send acknowledgeDuplicate: true to order it again.",
                new Dictionary<string, object?>
                {
                    ["rule"] = "duplicate-order", ["existingOrderId"] = existing.Id, ["code"] = existing.Code,
                    ["retestAfter"] = existing.AuthoredOn + intervals[existing.Code],
                });
    }
}
