using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query;

namespace HealthCore.Platform.Database;

/// <summary>A row that background workers claim for a while (locked_until, locked_by) before working on it.</summary>
internal interface ILeasedRow
{
    Guid Id { get; }

    DateTimeOffset? LockedUntil { get; set; }

    Guid? LockedBy { get; set; }
}

/// <summary>
/// Claims a batch of due rows for one worker by setting a lease on them, so that several workers, in one process or
/// many, never work on the same row at the same time; a worker that dies leaves rows that become claimable again
/// when the lease runs out. Used by the outbox dispatcher and the notification sender. Claims look across tenants:
/// query filters are ignored, the <c>due</c> predicate alone decides what is claimable.
/// </summary>
internal static class RowLease
{
    /// <summary>Leases up to <paramref name="batchSize"/> due rows (oldest id first) and returns them as they are after the claim.</summary>
    /// <param name="alsoSet">Further columns to set in the claiming UPDATE (e.g. a status), so the claim and they commit together.</param>
    public static async Task<List<TRow>> ClaimAsync<TRow>(
        ModuleDbContext db,
        Expression<Func<TRow, bool>> due,
        Guid claim,
        DateTimeOffset now,
        TimeSpan lease,
        int batchSize,
        CancellationToken cancellationToken,
        Action<UpdateSettersBuilder<TRow>>? alsoSet = null)
        where TRow : class, ILeasedRow
    {
        var request = new ClaimRequest<TRow>(db, due, claim, now, now + lease, batchSize, alsoSet);
        var won = db.IsSqlite
            ? await ClaimByCompareAndSetAsync(request, cancellationToken)
            : await ClaimWithRowLocksAsync(request, cancellationToken);
        return won == 0
            ? []
            : await Rows<TRow>(db).AsNoTracking().Where(r => EF.Property<Guid?>(r, nameof(ILeasedRow.LockedBy)) == claim)
                .OrderBy(r => EF.Property<Guid>(r, nameof(ILeasedRow.Id))).ToListAsync(cancellationToken);
    }

    /// <summary>
    /// Extends this claim's lease on one row; false when the claim no longer holds it (the lease ran out and another
    /// worker took the row), in which case the caller must leave the row alone.
    /// </summary>
    public static async Task<bool> RenewAsync<TRow>(
        ModuleDbContext db, Guid id, Guid claim, DateTimeOffset leaseUntil, CancellationToken cancellationToken)
        where TRow : class, ILeasedRow =>
        await Held<TRow>(db, id, claim).ExecuteUpdateAsync(
            set => set.SetProperty(r => EF.Property<DateTimeOffset?>(r, nameof(ILeasedRow.LockedUntil)), leaseUntil),
            cancellationToken) == 1;

    /// <summary>The row if (and only if) this claim still holds it: the target of the worker's final compare-and-set.</summary>
    public static IQueryable<TRow> Held<TRow>(ModuleDbContext db, Guid id, Guid claim)
        where TRow : class, ILeasedRow =>
        Rows<TRow>(db).Where(r => EF.Property<Guid>(r, nameof(ILeasedRow.Id)) == id
            && EF.Property<Guid?>(r, nameof(ILeasedRow.LockedBy)) == claim);

    /// <summary>Hands back every row this claim still holds (e.g. on shutdown) instead of waiting for the lease to run out.</summary>
    public static Task<int> ReleaseAsync<TRow>(
        ModuleDbContext db, Guid claim, CancellationToken cancellationToken, Action<UpdateSettersBuilder<TRow>>? alsoSet = null)
        where TRow : class, ILeasedRow =>
        Rows<TRow>(db).Where(r => EF.Property<Guid?>(r, nameof(ILeasedRow.LockedBy)) == claim).ExecuteUpdateAsync(
            set =>
            {
                ClearLease(set);
                alsoSet?.Invoke(set);
            },
            cancellationToken);

    /// <summary>Sets locked_until and locked_by back to null; for the caller's final UPDATE of a row it is done with.</summary>
    public static void ClearLease<TRow>(UpdateSettersBuilder<TRow> set)
        where TRow : class, ILeasedRow =>
        set.SetProperty(r => EF.Property<DateTimeOffset?>(r, nameof(ILeasedRow.LockedUntil)), (DateTimeOffset?)null)
            .SetProperty(r => EF.Property<Guid?>(r, nameof(ILeasedRow.LockedBy)), (Guid?)null);

    // SKIP LOCKED lets concurrent workers take disjoint batches instead of queueing behind each other's row locks.
    // The candidate query is the same LINQ as on SQLite; only the locking clause is appended to its SQL.
    private static async Task<int> ClaimWithRowLocksAsync<TRow>(ClaimRequest<TRow> request, CancellationToken cancellationToken)
        where TRow : class, ILeasedRow
    {
        await using var transaction = await request.Db.Database.BeginTransactionAsync(cancellationToken);
        var ids = new List<Guid>();
        await using (var command = Candidates(request).CreateDbCommand())
        {
            command.CommandText += "\nFOR UPDATE SKIP LOCKED";
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                ids.Add(reader.GetGuid(0));
            }
        }

        if (ids.Count == 0)
        {
            return 0;
        }

        var won = await SetLeaseAsync(Rows<TRow>(request.Db).Where(r => ids.Contains(EF.Property<Guid>(r, nameof(ILeasedRow.Id)))), request, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return won;
    }

    // SQLite has no row locks but serialises writers: the UPDATE re-checks the predicate, so only one claimer wins a row.
    // Losing every candidate means others claimed them, so look again: an empty claim must mean nothing is due.
    private static async Task<int> ClaimByCompareAndSetAsync<TRow>(ClaimRequest<TRow> request, CancellationToken cancellationToken)
        where TRow : class, ILeasedRow
    {
        while (true)
        {
            var candidates = await Candidates(request).ToListAsync(cancellationToken);
            if (candidates.Count == 0)
            {
                return 0;
            }

            var won = await SetLeaseAsync(
                Claimable(request).Where(r => candidates.Contains(EF.Property<Guid>(r, nameof(ILeasedRow.Id)))), request, cancellationToken);
            if (won > 0)
            {
                return won;
            }
        }
    }

    private static IQueryable<Guid> Candidates<TRow>(ClaimRequest<TRow> request)
        where TRow : class, ILeasedRow =>
        Claimable(request)
            .OrderBy(r => EF.Property<Guid>(r, nameof(ILeasedRow.Id)))
            .Select(r => EF.Property<Guid>(r, nameof(ILeasedRow.Id)))
            .Take(request.BatchSize);

    private static IQueryable<TRow> Claimable<TRow>(ClaimRequest<TRow> request)
        where TRow : class, ILeasedRow
    {
        var now = request.Now;
        return Rows<TRow>(request.Db).Where(request.Due).Where(r => EF.Property<DateTimeOffset?>(r, nameof(ILeasedRow.LockedUntil)) == null
            || EF.Property<DateTimeOffset?>(r, nameof(ILeasedRow.LockedUntil)) < now);
    }

    private static Task<int> SetLeaseAsync<TRow>(IQueryable<TRow> rows, ClaimRequest<TRow> request, CancellationToken cancellationToken)
        where TRow : class, ILeasedRow =>
        rows.ExecuteUpdateAsync(
            set =>
            {
                set.SetProperty(r => EF.Property<DateTimeOffset?>(r, nameof(ILeasedRow.LockedUntil)), request.LeaseUntil)
                    .SetProperty(r => EF.Property<Guid?>(r, nameof(ILeasedRow.LockedBy)), request.Claim);
                request.AlsoSet?.Invoke(set);
            },
            cancellationToken);

    private static IQueryable<TRow> Rows<TRow>(ModuleDbContext db)
        where TRow : class, ILeasedRow => db.Set<TRow>().IgnoreQueryFilters();

    private sealed record ClaimRequest<TRow>(
        ModuleDbContext Db,
        Expression<Func<TRow, bool>> Due,
        Guid Claim,
        DateTimeOffset Now,
        DateTimeOffset LeaseUntil,
        int BatchSize,
        Action<UpdateSettersBuilder<TRow>>? AlsoSet)
        where TRow : class, ILeasedRow;
}
