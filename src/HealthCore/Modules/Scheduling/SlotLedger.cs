using HealthCore.Platform.Database;
using Microsoft.EntityFrameworkCore;

namespace HealthCore.Modules.Scheduling;

/// <summary>
/// Takes and frees places in slots. A place is taken only by <c>UPDATE slot_usage SET booked = booked + 1 WHERE ...
/// AND booked &lt; capacity</c>: PostgreSQL applies it under the row lock and re-checks the condition after waiting for
/// a concurrent writer, SQLite runs write transactions one at a time, so the count can never pass the capacity.
/// </summary>
internal static class SlotLedger
{
    /// <summary>
    /// Takes one place in each slot, in time order; returns the first slot without a free place (the caller must then
    /// roll back), or null when every place was taken. Overbooking skips the capacity condition.
    /// </summary>
    public static async Task<Slot?> TryTakeAsync(
        SchedulingDb db, string resourceKey, IReadOnlyList<Slot> slots, int capacity, bool overbook, CancellationToken cancellationToken)
    {
        var tenantId = db.CurrentTenantId ?? throw new InvalidOperationException("Slots belong to a tenant; act for one first.");
        foreach (var slot in slots.OrderBy(s => s.StartsAt))
        {
            await db.InsertIfAbsentAsync(
                new SlotUsage { TenantId = tenantId, ResourceKey = resourceKey, StartsAt = slot.StartsAt, Booked = 0, Capacity = capacity },
                cancellationToken);
            var row = db.SlotUsage.Where(u => u.ResourceKey == resourceKey && u.StartsAt == slot.StartsAt);
            if (!overbook)
            {
                row = row.Where(u => u.Booked < capacity);
            }

            var taken = await row.ExecuteUpdateAsync(
                set => set.SetProperty(u => u.Booked, u => u.Booked + 1).SetProperty(u => u.Capacity, capacity),
                cancellationToken);
            if (taken == 0)
            {
                return slot;
            }
        }

        return null;
    }

    public static async Task FreeAsync(SchedulingDb db, string resourceKey, IEnumerable<DateTimeOffset> slotStarts, CancellationToken cancellationToken)
    {
        foreach (var start in slotStarts.Order())
        {
            await db.SlotUsage.Where(u => u.ResourceKey == resourceKey && u.StartsAt == start && u.Booked > 0)
                .ExecuteUpdateAsync(set => set.SetProperty(u => u.Booked, u => u.Booked - 1), cancellationToken);
        }
    }

    /// <summary>Places taken per (resource, slot start) for the resources between the two instants.</summary>
    public static async Task<Dictionary<(string ResourceKey, DateTimeOffset StartsAt), int>> TakenAsync(
        SchedulingDb db, IReadOnlyCollection<string> resourceKeys, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var rows = await db.SlotUsage.AsNoTracking()
            .Where(u => resourceKeys.Contains(u.ResourceKey) && u.StartsAt >= from && u.StartsAt < to && u.Booked > 0)
            .Select(u => new { u.ResourceKey, u.StartsAt, u.Booked })
            .ToListAsync(cancellationToken);
        return rows.ToDictionary(r => (r.ResourceKey, r.StartsAt), r => r.Booked);
    }
}
