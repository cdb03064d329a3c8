using HealthCore.Modules.Clinical.Contracts;
using HealthCore.Modules.Laboratory.Contracts;
using HealthCore.Platform.Seeding;
using Microsoft.EntityFrameworkCore;

namespace HealthCore.Modules.Orders.Demo;

/// <summary>
/// Laboratory orders for the demo's encounters of the last two weeks, placed by the encounter's practitioner half an
/// hour into the visit: one requisition per encounter from a fixed rotation of common tests and panels, the first one
/// stat. Ids come from <see cref="DemoSeedContext.IdFor"/>, so a rerun finds them and adds nothing; the laboratory's
/// demo seeder then reports them.
/// </summary>
internal sealed class OrdersDemoSeeder(OrdersDb db, IEncounterDirectory encounters, ILabTestCatalog catalog, TimeProvider clock) : IDemoSeeder
{
    private static readonly string[][] Rotation =
    [
        ["51990-0"], ["58410-2"], ["2823-3", "2160-0"], ["4548-4"], ["57698-3"], ["24323-8"], ["3016-3"], ["58410-2", "51990-0"],
    ];

    public async Task SeedAsync(DemoSeedContext context, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var today = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero);
        var visits = (await encounters.ListStartedSinceAsync(today.AddDays(-14), DemoSeedContext.LabOrders * 4, cancellationToken))
            .Where(v => v.PractitionerId is not null && v.StartsAt.AddMinutes(30) < now)
            .Take(DemoSeedContext.LabOrders)
            .ToList();
        var ids = Enumerable.Range(0, visits.Count).Select(i => context.IdFor("order", i)).ToList();
        var existing = await db.Orders.IgnoreQueryFilters([OrdersDb.FacilityFilterName]).Where(o => ids.Contains(o.Id)).Select(o => o.Id).ToListAsync(cancellationToken);
        for (var i = 0; i < visits.Count; i++)
        {
            if (existing.Contains(ids[i]))
            {
                continue;
            }

            var visit = visits[i];
            var placedAt = visit.StartsAt.AddMinutes(30);
            var order = new Order
            {
                Id = ids[i],
                PatientId = visit.Encounter.PatientId,
                EncounterId = visit.Encounter.Id,
                FacilityId = visit.Encounter.FacilityId,
                Category = OrderCategory.Laboratory,
                RequesterId = visit.PractitionerId!.Value,
                Priority = i == 0 ? OrderPriority.Stat : OrderPriority.Routine,
                Reason = new OrderReason(i == 0 ? "Chest pain, rule out electrolyte disturbance" : "Routine review", null),
                Status = OrderStatus.Draft,
                StatusChangedAt = placedAt,
                AuthoredOn = placedAt,
                UpdatedAt = placedAt,
            };
            var sequence = 0;
            foreach (var code in Rotation[i % Rotation.Length])
            {
                var test = await catalog.FindAsync(code, cancellationToken)
                    ?? throw new InvalidOperationException($"The starter catalogue has no test {code}.");
                order.Items.Add(new OrderItem
                {
                    OrderId = order.Id,
                    Sequence = ++sequence,
                    System = "http://loinc.org",
                    Code = test.Code,
                    Display = test.Display,
                    PanelMembers = test.Kind == "panel" ? [.. test.ExpandedTestCodes] : null,
                    Status = OrderItemStatus.Draft,
                    StatusChangedAt = placedAt,
                });
            }

            OrderLifecycle.Place(db, order, placedAt, userId: null);
            db.Orders.Add(order);
        }

        await db.SaveChangesAsync(cancellationToken);
    }
}
