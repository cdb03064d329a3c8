using Microsoft.EntityFrameworkCore;

namespace HealthCore.Modules.Scheduling;

/// <summary>
/// Takes and frees places in slots. A place is taken only by one upsert, <c>INSERT INTO slot_usage .. VALUES (.., 1, ..)
/// ON CONFLICT DO UPDATE SET booked = booked + 1 WHERE booked &lt; capacity RETURNING booked</c> (no row back: full):
/// PostgreSQL applies the update under the row lock and re-checks the condition after waiting for a concurrent writer
/// (and a concurrent first insert of the row makes it wait, then take the update path), SQLite runs write transactions
/// one at a time, so the count can never pass the capacity.
/// </summary>
internal static class SlotLedger
{
    /// <summary>
    /// Takes one place in each slot, in time order; returns the first slot without a free place (the caller must then
    /// roll back), or null when every place was taken. Overbooking skips the capacity condition.
    /// </summary>
    public static Task<Slot?> TryTakeAsync(
        SchedulingDb db, string resourceKey, IReadOnlyList<Slot> slots, int capacity, bool overbook, CancellationToken cancellationToken) =>
        TryMoveAsync(db, resourceKey, slots, [], capacity, overbook, cancellationToken);

    public static Task FreeAsync(SchedulingDb db, string resourceKey, IEnumerable<DateTimeOffset> slotStarts, CancellationToken cancellationToken) =>
        TryMoveAsync(db, resourceKey, [], slotStarts, 0, overbook: false, cancellationToken);

    /// <summary>
    /// Takes a place in <paramref name="take"/> and frees one in <paramref name="free"/>, row by row in time order (so
    /// two transactions never lock one resource's rows in opposite orders); returns the first slot to take that was full.
    /// </summary>
    public static async Task<Slot?> TryMoveAsync(
        SchedulingDb db, string resourceKey, IEnumerable<Slot> take, IEnumerable<DateTimeOffset> free, int capacity, bool overbook,
        CancellationToken cancellationToken)
    {
        var tenantId = db.CurrentTenantId ?? throw new InvalidOperationException("Slots belong to a tenant; act for one first.");
        var steps = take.Select(slot => (slot.StartsAt, Take: (Slot?)slot)).Concat(free.Select(start => (StartsAt: start, Take: (Slot?)null)));
        foreach (var (start, slot) in steps.OrderBy(step => step.StartsAt))
        {
            if (slot is null)
            {
                await db.SlotUsage.Where(u => u.ResourceKey == resourceKey && u.StartsAt == start && u.Booked > 0)
                    .ExecuteUpdateAsync(set => set.SetProperty(u => u.Booked, u => u.Booked - 1), cancellationToken);
                continue;
            }

            if (!await TakeAsync(db, tenantId, resourceKey, start, capacity, overbook, cancellationToken))
            {
                return slot;
            }
        }

        return null;
    }

    private static async Task<bool> TakeAsync(
        SchedulingDb db, Guid tenantId, string resourceKey, DateTimeOffset start, int capacity, bool overbook, CancellationToken cancellationToken)
    {
        var table = db.IsSqlite ? "\"slot_usage\"" : $"\"{SchedulingDb.SchemaName}\".\"slot_usage\"";
        var startsAt = db.Model.FindEntityType(typeof(SlotUsage))!.FindProperty(nameof(SlotUsage.StartsAt))!.GetTypeMapping().Converter!.ConvertToProvider(start)!;
        var sql = $"INSERT INTO {table} AS u (tenant_id, resource_key, starts_at, booked, capacity) VALUES ({{0}}, {{1}}, {{2}}, 1, {{3}}) "
            + "ON CONFLICT (tenant_id, resource_key, starts_at) DO UPDATE SET booked = u.booked + 1, capacity = excluded.capacity"
            + (overbook ? "" : " WHERE u.booked < excluded.capacity")
            + " RETURNING booked AS \"Value\"";
        return (await db.Database.SqlQueryRaw<int>(sql, tenantId, resourceKey, startsAt, capacity).ToListAsync(cancellationToken)).Count == 1;
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
