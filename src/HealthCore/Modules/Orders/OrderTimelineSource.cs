using HealthCore.Modules.Clinical.Contracts;
using HealthCore.Modules.Identity.Contracts;
using HealthCore.Platform.Http;
using Microsoft.EntityFrameworkCore;

namespace HealthCore.Modules.Orders;

/// <summary>
/// Placed orders on the patient's timeline when they were placed (drafts are not yet anything that happened): the
/// category and status for orders.read, the ordered tests or specialty in the title only with clinical.read.
/// </summary>
internal sealed class OrderTimelineSource(OrdersDb db) : IPatientTimelineSource
{
    private const int NamedItems = 3;

    public TimelineKind Kind { get; } = new("order", Permissions.OrdersRead);

    public async Task<IReadOnlyList<TimelineEntry>> ReadAsync(TimelineRequest request, CancellationToken cancellationToken)
    {
        var rows = await db.Orders.AsNoTracking()
            .Where(o => o.PatientId == request.PatientId && o.PlacedAt != null)
            .Select(o => new
            {
                o.Id, PlacedAt = o.PlacedAt!.Value, o.Category, o.Status, o.EncounterId,
                Items = o.Items.OrderBy(i => i.Sequence).Select(i => i.Display ?? i.Code).Take(NamedItems + 1).ToList(),
                Void = o.Status == OrderStatus.EnteredInError,
            })
            .PageOf(request, o => o.Void, o => o.PlacedAt, o => o.Id)
            .ToListAsync(cancellationToken);
        return [.. rows.Select(o => new TimelineEntry(
            o.Id, o.PlacedAt, TimelineQueries.Title($"Order ({QueryEnum.Name(o.Category)})", request.ReadClinical ? Names(o.Items) : null),
            QueryEnum.Name(o.Status), o.Void, o.EncounterId, $"/api/v1/orders/{o.Id}"))];
    }

    private static string Names(List<string> items) =>
        items.Count > NamedItems ? $"{string.Join(", ", items.Take(NamedItems))}, ..." : string.Join(", ", items);
}
