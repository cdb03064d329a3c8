using System.Linq.Expressions;
using HealthCore.Platform.Database;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace HealthCore.Platform.Events;

/// <summary>
/// Claims a batch of due messages for one dispatch pass by setting a lease (locked_until, locked_by) on them, so that
/// several dispatchers, in one process or many, never work on the same message at the same time.
/// </summary>
internal static class OutboxLease
{
    public static async Task<List<OutboxMessage>> ClaimAsync(
        ModuleDbContext db, bool isPostgres, Guid claim, DateTimeOffset now, TimeSpan lease, int batchSize, CancellationToken cancellationToken) =>
        isPostgres
            ? await ClaimWithRowLocksAsync(db, claim, now, now + lease, batchSize, cancellationToken)
            : await ClaimByCompareAndSetAsync(db, claim, now, now + lease, batchSize, cancellationToken);

    public static Task ReleaseAsync(ModuleDbContext db, Guid claim, CancellationToken cancellationToken) =>
        db.Outbox.Where(m => m.LockedBy == claim).ExecuteUpdateAsync(
            set => set.SetProperty(m => m.LockedUntil, (DateTimeOffset?)null).SetProperty(m => m.LockedBy, (Guid?)null),
            cancellationToken);

    // SKIP LOCKED lets concurrent dispatchers take disjoint batches instead of queueing behind each other's row locks.
    private static async Task<List<OutboxMessage>> ClaimWithRowLocksAsync(
        ModuleDbContext db, Guid claim, DateTimeOffset now, DateTimeOffset leaseUntil, int batchSize, CancellationToken cancellationToken)
    {
        var table = db.GetService<ISqlGenerationHelper>().DelimitIdentifier(OutboxMessage.TableName(db.Schema), db.Schema);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
#pragma warning disable EF1003 // the only concatenated part is the module's own table name, delimited; the values are parameters
        var due = await db.Outbox
            .FromSqlRaw(
                "SELECT * FROM " + table + """

                 WHERE processed_at IS NULL AND dead_lettered_at IS NULL AND next_attempt_at <= {0}
                   AND (locked_until IS NULL OR locked_until < {0})
                 ORDER BY id
                 LIMIT {1}
                 FOR UPDATE SKIP LOCKED
                """,
                now,
                batchSize)
            .AsNoTracking()
            .ToListAsync(cancellationToken);
#pragma warning restore EF1003
        if (due.Count == 0)
        {
            return due;
        }

        var ids = due.ConvertAll(m => m.Id);
        await db.Outbox.Where(m => ids.Contains(m.Id)).ExecuteUpdateAsync(
            set => set.SetProperty(m => m.LockedUntil, leaseUntil).SetProperty(m => m.LockedBy, claim),
            cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return due;
    }

    // SQLite has no row locks but serialises writers: the UPDATE re-checks the lease, so only one claimer wins a row.
    // Losing every candidate means others claimed them, so look again: an empty claim must mean nothing is due.
    private static async Task<List<OutboxMessage>> ClaimByCompareAndSetAsync(
        ModuleDbContext db, Guid claim, DateTimeOffset now, DateTimeOffset leaseUntil, int batchSize, CancellationToken cancellationToken)
    {
        while (true)
        {
            var candidates = await db.Outbox.Where(Claimable(now)).OrderBy(m => m.Id).Select(m => m.Id).Take(batchSize).ToListAsync(cancellationToken);
            if (candidates.Count == 0)
            {
                return [];
            }

            var won = await db.Outbox.Where(m => candidates.Contains(m.Id)).Where(Claimable(now)).ExecuteUpdateAsync(
                set => set.SetProperty(m => m.LockedUntil, leaseUntil).SetProperty(m => m.LockedBy, claim),
                cancellationToken);
            if (won > 0)
            {
                return await db.Outbox.AsNoTracking().Where(m => m.LockedBy == claim).OrderBy(m => m.Id).ToListAsync(cancellationToken);
            }
        }
    }

    private static Expression<Func<OutboxMessage, bool>> Claimable(DateTimeOffset now) =>
        m => m.ProcessedAt == null && m.DeadLetteredAt == null && m.NextAttemptAt <= now && (m.LockedUntil == null || m.LockedUntil < now);
}
