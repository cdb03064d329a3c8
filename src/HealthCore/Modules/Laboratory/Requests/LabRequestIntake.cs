using HealthCore.Modules.Orders.Contracts;
using HealthCore.Platform.Database;
using HealthCore.Platform.Events;
using Microsoft.EntityFrameworkCore;

namespace HealthCore.Modules.Laboratory;

/// <summary>
/// Takes placed laboratory orders into the laboratory, once each: from OrderPlaced, or from the order itself when a
/// lab user acts on it first (the event may be a poll away). Both paths insert the same row; the loser of a race
/// finds the winner's.
/// </summary>
internal sealed class LabRequestIntake(LaboratoryDb db, LabTestCatalog catalog, IPlacedOrders orders, TimeProvider clock)
{
    private const string LaboratoryCategory = "laboratory";

    /// <summary>The tracked request for the order; null when there is no placed laboratory order of that id the user may see.</summary>
    public async Task<LabRequest?> FindAsync(Guid orderId, CancellationToken cancellationToken)
    {
        if (await LoadAsync(orderId, cancellationToken) is { } known)
        {
            return known;
        }

        return await orders.FindAsync(orderId, cancellationToken) is { } placed && await TakeAsync(placed, cancellationToken)
            ? await LoadAsync(orderId, cancellationToken)
            : null;
    }

    /// <summary>Inserts the request unless it exists; false when the order is not a laboratory order.</summary>
    public async Task<bool> TakeAsync(OrderPlaced placed, CancellationToken cancellationToken)
    {
        if (placed.Category != LaboratoryCategory)
        {
            return false;
        }

        if (await db.Requests.IgnoreQueryFilters([ModuleDbContext.FacilityFilterName]).AnyAsync(r => r.Id == placed.OrderId, cancellationToken))
        {
            return true;
        }

        var priority = Enum.Parse<LabPriority>(placed.Priority, ignoreCase: true);
        var now = clock.GetUtcNow();
        var items = new List<LabRequestItem>();
        var sequence = 0;
        var tests = await catalog.FindManyAsync([.. placed.Items.Select(i => i.Code)], cancellationToken);
        foreach (var ordered in placed.Items)
        {
            var test = tests.GetValueOrDefault(ordered.Code);
            var open = ordered.Status is "active" or "inProgress";
            items.Add(new LabRequestItem
            {
                Id = ordered.ItemId,
                RequestId = placed.OrderId,
                Sequence = ++sequence,
                Code = ordered.Code,
                Display = ordered.Display ?? test?.Display,
                AnalyteCodes = [.. ordered.PanelMembers ?? test?.ExpandedTestCodes ?? [ordered.Code]],
                SpecimenType = test?.SpecimenType,
                Container = test?.Container,
                TargetMinutes = test?.Turnaround.TryGetValue(placed.Priority, out var target) == true ? (int)target.TotalMinutes : null,
                Status = open ? LabItemStatus.AwaitingCollection : LabItemStatus.Cancelled,
                StatusChangedAt = now,
            });
        }

        var request = new LabRequest
        {
            Id = placed.OrderId,
            PatientId = placed.PatientId,
            EncounterId = placed.EncounterId,
            FacilityId = placed.FacilityId,
            RequesterId = placed.RequesterId,
            PerformerDepartmentId = placed.PerformerDepartmentId,
            Priority = priority,
            PriorityRank = LabPriorities.Rank(priority),
            OrderedAt = placed.PlacedAt,
            ReceivedFromOrdersAt = now,
            Items = items,
        };
        request.Settle(now);
        db.Requests.Add(request);

        // The event and a lab user's first action may take the same order at once: the other insert stands.
        if (!await db.SaveUnlessDuplicateAsync(cancellationToken))
        {
            db.ChangeTracker.Clear();
        }
        return true;
    }

    /// <summary>The order was cancelled or entered in error: every item not yet reported leaves the worklist.</summary>
    public async Task CancelAsync(OrderCancelled cancelled, CancellationToken cancellationToken)
    {
        if (await LoadAsync(cancelled.OrderId, cancellationToken, includeOtherFacilities: true) is not { } request || request.CancelledAt is not null)
        {
            return;
        }

        var now = clock.GetUtcNow();
        foreach (var item in request.Items.Where(i => i.Status < LabItemStatus.Final || cancelled.Status == "enteredInError"))
        {
            item.Status = LabItemStatus.Cancelled;
            item.StatusChangedAt = now;
        }

        request.CancelledAt = cancelled.CancelledAt;
        request.CancelReason = cancelled.Reason.Length > LabRequest.ReasonLength ? cancelled.Reason[..LabRequest.ReasonLength] : cancelled.Reason;
        request.Settle(now);
        db.AuditAs(request, "cancel");
        await db.SaveChangesAsync(cancellationToken);
    }

    private Task<LabRequest?> LoadAsync(Guid orderId, CancellationToken cancellationToken, bool includeOtherFacilities = false)
    {
        var requests = includeOtherFacilities ? db.Requests.IgnoreQueryFilters([ModuleDbContext.FacilityFilterName]) : db.Requests;
        return requests.Include(r => r.Items.OrderBy(i => i.Sequence)).SingleOrDefaultAsync(r => r.Id == orderId, cancellationToken);
    }
}

internal sealed class LabRequestsFromOrders(LabRequestIntake intake) : IIntegrationEventHandler<OrderPlaced>, IIntegrationEventHandler<OrderCancelled>
{
    public Task HandleAsync(OrderPlaced placed, IntegrationEventContext context, CancellationToken cancellationToken) =>
        intake.TakeAsync(placed, cancellationToken);

    public Task HandleAsync(OrderCancelled cancelled, IntegrationEventContext context, CancellationToken cancellationToken) =>
        intake.CancelAsync(cancelled, cancellationToken);
}
