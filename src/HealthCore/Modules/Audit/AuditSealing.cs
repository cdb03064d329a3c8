using System.Text.Json;
using HealthCore.Platform.Auditing;
using HealthCore.Platform.Database;
using HealthCore.Platform.Observability;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;

namespace HealthCore.Modules.Audit;

/// <summary>
/// One sealing pass: appends committed, not yet sealed records to their tenants' Merkle trees, and issues signed
/// checkpoints when they are due. Only one pass runs at a time across instances (a transaction-scoped advisory lock
/// on PostgreSQL, the database write lock on SQLite), and every tree head and cursor moves by compare-and-swap, so a
/// second sealer that raced past the lock fails instead of appending a record twice.
/// PostgreSQL: records are taken in (xid, id) order only below the xmin of the pass's snapshot: every transaction
/// with a smaller id has ended, so no record can still appear behind the cursor (docs/audit.md, "Watermark").
/// SQLite: writers are serialised, so inside the pass's write transaction every record below the highest rowid is
/// committed; the cursor is the last sealed rowid.
/// </summary>
internal sealed class AuditSealing(
    AuditDb db, AuditEpoch epoch, AuditSealerState state, CheckpointSigner signer, AuditSealingLag lag, IOptions<AuditOptions> options,
    TimeProvider clock, ILogger<AuditSealing> logger)
{
    // Any constant that no other advisory lock of the service uses (those take two int keys).
    private const long AdvisoryLockKey = 0x41756469745365;

    /// <summary>Seals what is due; returns how many records were sealed (0 also when another sealer holds the lock).</summary>
    public async Task<int> SealAsync(bool checkpointDue, CancellationToken cancellationToken)
    {
        List<AuditCheckpoint> issued;
        int sealedCount;
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var locked = await TryLockAsync(cancellationToken);
            var cursors = await db.SealCursors.OrderBy(c => c.Epoch).ToListAsync(cancellationToken);

            // Every instance follows an epoch started by another one within a pass.
            if (cursors.Where(c => c.Epoch != AuditSealCursor.SqliteRowidCursor).Select(c => c.Epoch).DefaultIfEmpty(1).Max() is var newest
                && newest > epoch.Current)
            {
                epoch.Current = newest;
            }

            if (!locked)
            {
                return 0;
            }
            sealedCount = 0;
            if (!state.LegacyImported)
            {
                sealedCount += await AppendAsync(
                    await db.Records.Where(r => r.Format == AuditRecord.LegacyChainFormat && !db.Leaves.Any(l => l.RecordId == r.Id))
                        .OrderBy(r => r.TenantId).ThenBy(r => r.Sequence).ToListAsync(cancellationToken),
                    cancellationToken);
            }

            sealedCount += db.IsSqlite
                ? await SealSqliteAsync(cursors, cancellationToken)
                : await SealPostgresAsync(cursors, cancellationToken);
            issued = checkpointDue ? await CheckpointAsync(cancellationToken) : [];
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            state.LegacyImported = true;
        }
        catch (Exception exception) when (IsLostRace(exception))
        {
            // Another sealer moved a head or cursor first; nothing was appended by this pass.
            logger.LogDebug(exception, "Another audit sealer won the race; this pass appended nothing");
            return 0;
        }
        finally
        {
            db.ChangeTracker.Clear();
        }

        await AnchorAsync(issued, cancellationToken);
        await MeasureLagAsync(cancellationToken);
        return sealedCount;
    }

    /// <summary>Starts a new epoch (after a restore, or when an operator asks); new records are stamped with it.</summary>
    public async Task<int> StartEpochAsync(string reason, bool closePrevious, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var cursors = await db.SealCursors.Where(c => c.Epoch != AuditSealCursor.SqliteRowidCursor).ToListAsync(cancellationToken);
        var next = cursors.Count == 0 ? 2 : cursors.Max(c => c.Epoch) + 1;
        if (closePrevious)
        {
            await AppendAsync(await UnsealedOfOpenEpochsAsync(cursors, cancellationToken), cancellationToken);
            cursors.ForEach(c => c.Closed = true);
        }

        db.SealCursors.Add(new AuditSealCursor { Epoch = next, StartedAt = clock.GetUtcNow(), Reason = reason });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        epoch.Current = next;
        return next;
    }

    /// <summary>The epoch new records get: the newest one started, loaded before the service takes requests.</summary>
    public async Task LoadEpochAsync(CancellationToken cancellationToken)
    {
        var newest = await db.SealCursors.Where(c => c.Epoch != AuditSealCursor.SqliteRowidCursor)
            .MaxAsync(c => (int?)c.Epoch, cancellationToken);
        epoch.Current = newest ?? 1;
    }

    private async Task<bool> TryLockAsync(CancellationToken cancellationToken)
    {
        if (db.IsSqlite)
        {
            // A write first, so this transaction holds SQLite's write lock for the whole pass.
            await db.Database.ExecuteSqlRawAsync(
                "INSERT INTO audit_seal_cursors (epoch, after_xid, closed, started_at) VALUES ({0}, 0, 0, {1}) ON CONFLICT (epoch) DO UPDATE SET after_xid = after_xid",
                [AuditSealCursor.SqliteRowidCursor, InstantStorage.ToSqliteText(clock.GetUtcNow())],
                cancellationToken);
            return true;
        }

        var taken = await db.Database.SqlQueryRaw<bool>("SELECT pg_try_advisory_xact_lock({0}) AS \"Value\"", AdvisoryLockKey).ToListAsync(cancellationToken);
        return taken.Single();
    }

    private async Task<int> SealSqliteAsync(List<AuditSealCursor> cursors, CancellationToken cancellationToken)
    {
        var cursor = cursors.SingleOrDefault(c => c.Epoch == AuditSealCursor.SqliteRowidCursor)
            ?? await db.SealCursors.SingleAsync(c => c.Epoch == AuditSealCursor.SqliteRowidCursor, cancellationToken);
        var positions = await db.Database.SqlQueryRaw<RowPosition>(
                "SELECT rowid AS \"Position\", id AS \"Id\" FROM audit_records WHERE format = {0} AND rowid > {1} ORDER BY rowid LIMIT {2}",
                AuditRecord.LogFormat, cursor.AfterXid, options.Value.MaxBatch)
            .ToListAsync(cancellationToken);
        if (positions.Count == 0)
        {
            return 0;
        }

        var ids = positions.Select(p => p.Id).ToList();
        var records = (await db.Records.Where(r => ids.Contains(r.Id)).ToListAsync(cancellationToken)).ToDictionary(r => r.Id);
        cursor.AfterXid = positions[^1].Position;
        return await AppendAsync([.. positions.Select(p => records[p.Id])], cancellationToken);
    }

    private async Task<int> SealPostgresAsync(List<AuditSealCursor> cursors, CancellationToken cancellationToken)
    {
        if (cursors.Count == 0)
        {
            cursors.Add(db.SealCursors.Add(new AuditSealCursor { Epoch = 1, StartedAt = clock.GetUtcNow(), Reason = "initial" }).Entity);
        }

        var current = cursors[^1];
        if (await RestoreDetectedAsync(current, cancellationToken))
        {
            var sealedBeforeRestore = await AppendAsync(await UnsealedOfOpenEpochsAsync(cursors, cancellationToken), cancellationToken);
            cursors.ForEach(c => c.Closed = true);
            current = db.SealCursors.Add(new AuditSealCursor { Epoch = current.Epoch + 1, StartedAt = clock.GetUtcNow(), Reason = "restore detected" }).Entity;
            epoch.Current = current.Epoch;
            logger.LogWarning("The transaction id counter went backwards (a restored database?): audit epoch {Epoch} started", current.Epoch);
            return sealedBeforeRestore;
        }

        var sealedCount = 0;
        foreach (var cursor in cursors.Where(c => !c.Closed))
        {
            // xmin of this statement's snapshot: all transactions below it have ended, and their records are visible here.
            var records = await db.Records.FromSqlRaw(
                    """
                    SELECT * FROM audit.audit_records
                    WHERE format = {4} AND epoch = {0} AND (xid, id) > ({1}, {2}) AND xid < pg_snapshot_xmin(pg_current_snapshot())::text::bigint
                    ORDER BY xid, id LIMIT {3}
                    """,
                    cursor.Epoch, cursor.AfterXid, cursor.AfterId ?? Guid.Empty, options.Value.MaxBatch, AuditRecord.LogFormat)
                .AsNoTracking().ToListAsync(cancellationToken);
            if (records.Count == 0)
            {
                continue;
            }

            cursor.AfterXid = records[^1].Xid!.Value;
            cursor.AfterId = records[^1].Id;
            sealedCount += await AppendAsync(records, cancellationToken);
        }

        return sealedCount;
    }

    /// <summary>
    /// True when the next transaction id is not above the newest record of the current epoch: the counter went
    /// backwards, as it does when a dump is restored into a fresh cluster, so new xids would sort before old ones.
    /// </summary>
    private async Task<bool> RestoreDetectedAsync(AuditSealCursor current, CancellationToken cancellationToken)
    {
        var check = await db.Database.SqlQueryRaw<bool>(
                """
                SELECT coalesce(max(xid) >= pg_snapshot_xmax(pg_current_snapshot())::text::bigint, false) OR {1} >= pg_snapshot_xmax(pg_current_snapshot())::text::bigint AS "Value"
                FROM audit.audit_records WHERE epoch = {0} AND format = {2}
                """,
                current.Epoch, current.AfterXid, AuditRecord.LogFormat)
            .ToListAsync(cancellationToken);
        return check.Single();
    }

    /// <summary>Every record of a not yet closed epoch without a leaf (a full scan, only when an epoch closes).</summary>
    private async Task<List<AuditRecord>> UnsealedOfOpenEpochsAsync(List<AuditSealCursor> cursors, CancellationToken cancellationToken)
    {
        var open = cursors.Where(c => !c.Closed).Select(c => c.Epoch).ToList();
        return await db.Records
            .Where(r => r.Format == AuditRecord.LogFormat && open.Contains(r.Epoch) && !db.Leaves.Any(l => l.RecordId == r.Id))
            .OrderBy(r => r.Epoch).ThenBy(r => r.Xid).ThenBy(r => r.Id)
            .AsNoTracking().ToListAsync(cancellationToken);
    }

    /// <summary>Appends the records, in the given order, as the next leaves of their tenants' trees.</summary>
    private async Task<int> AppendAsync(List<AuditRecord> records, CancellationToken cancellationToken)
    {
        if (records.Count == 0)
        {
            return 0;
        }

        var tenants = records.Select(r => r.TenantId).Distinct().ToList();
        var heads = await db.TreeHeads.Where(h => tenants.Contains(h.TenantId)).ToDictionaryAsync(h => h.TenantId, cancellationToken);
        var frontiers = new Dictionary<Guid, MerkleFrontier>();
        foreach (var record in records)
        {
            if (!frontiers.TryGetValue(record.TenantId, out var frontier))
            {
                frontier = heads.TryGetValue(record.TenantId, out var head) ? MerkleFrontier.Parse(head.TreeSize, head.Frontier) : MerkleFrontier.Empty();
                frontiers[record.TenantId] = frontier;
            }

            var leafHash = MerkleTree.LeafHash(AuditHash.Canonical(record));
            db.Leaves.Add(new AuditLeaf { TenantId = record.TenantId, LeafIndex = frontier.Size, RecordId = record.Id, LeafHash = Convert.ToHexStringLower(leafHash) });
            frontier.Append(leafHash);
        }

        var now = clock.GetUtcNow();
        foreach (var (tenant, frontier) in frontiers)
        {
            var root = Convert.ToHexStringLower(frontier.Root());
            if (heads.TryGetValue(tenant, out var head))
            {
                head.TreeSize = frontier.Size;
                head.RootHash = root;
                head.Frontier = frontier.ToHex();
                head.UpdatedAt = now;
            }
            else
            {
                db.TreeHeads.Add(new AuditTreeHead { TenantId = tenant, TreeSize = frontier.Size, RootHash = root, Frontier = frontier.ToHex(), UpdatedAt = now });
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        return records.Count;
    }

    private async Task<List<AuditCheckpoint>> CheckpointAsync(CancellationToken cancellationToken)
    {
        var due = await db.TreeHeads.AsNoTracking()
            .Where(h => !db.Checkpoints.Any(c => c.TenantId == h.TenantId && c.TreeSize >= h.TreeSize))
            .ToListAsync(cancellationToken);
        var issuedAt = InstantStorage.ToStoredPrecision(clock.GetUtcNow());
        var issued = due.Select(h => signer.Sign(h.TenantId, h.TreeSize, h.RootHash, issuedAt)).ToList();
        db.Checkpoints.AddRange(issued);
        return issued;
    }

    /// <summary>Anchors committed checkpoints outside the database: one JSON line per checkpoint, appended to a file per tenant.</summary>
    private async Task AnchorAsync(List<AuditCheckpoint> issued, CancellationToken cancellationToken)
    {
        if (issued.Count == 0 || options.Value.AnchorDirectory is not { Length: > 0 } directory)
        {
            return;
        }

        Directory.CreateDirectory(directory);
        foreach (var checkpoint in issued)
        {
            var line = JsonSerializer.Serialize(CheckpointResponse.From(checkpoint), JsonSerializerOptions.Web) + "\n";
            await File.AppendAllTextAsync(Path.Combine(directory, $"{checkpoint.TenantId:D}.checkpoints"), line, cancellationToken);
        }
    }

    private async Task MeasureLagAsync(CancellationToken cancellationToken)
    {
        var cursors = await db.SealCursors.AsNoTracking().ToListAsync(cancellationToken);
        long count = 0;
        DateTimeOffset? oldest = null;
        if (db.IsSqlite)
        {
            var after = cursors.SingleOrDefault(c => c.Epoch == AuditSealCursor.SqliteRowidCursor)?.AfterXid ?? 0;
            var row = (await db.Database.SqlQueryRaw<SqlitePending>(
                    "SELECT count(*) AS \"Count\", min(occurred_at) AS \"Oldest\" FROM audit_records WHERE format = {0} AND rowid > {1}",
                    AuditRecord.LogFormat, after)
                .ToListAsync(cancellationToken)).Single();
            (count, oldest) = (row.Count, row.Oldest is null ? null : InstantStorage.FromSqliteText(row.Oldest));
        }
        else
        {
            foreach (var cursor in cursors.Where(c => !c.Closed))
            {
                var row = (await db.Database.SqlQueryRaw<PostgresPending>(
                        "SELECT count(*) AS \"Count\", min(occurred_at) AS \"Oldest\" FROM audit.audit_records WHERE format = {3} AND epoch = {0} AND (xid, id) > ({1}, {2})",
                        cursor.Epoch, cursor.AfterXid, cursor.AfterId ?? Guid.Empty, AuditRecord.LogFormat)
                    .ToListAsync(cancellationToken)).Single();
                count += row.Count;
                oldest = oldest is null || row.Oldest < oldest ? row.Oldest ?? oldest : oldest;
            }
        }

        lag.Unsealed = count;
        lag.LagSeconds = oldest is { } since ? Math.Max(0, (clock.GetUtcNow() - since).TotalSeconds) : 0;
    }

    private static bool IsLostRace(Exception exception) =>
        exception is DbUpdateConcurrencyException
        || exception is DbUpdateException { InnerException: PostgresException { SqlState: PostgresErrorCodes.UniqueViolation or PostgresErrorCodes.SerializationFailure } }
        || exception is DbUpdateException { InnerException: Microsoft.Data.Sqlite.SqliteException { SqliteErrorCode: 19 } };

    private sealed record RowPosition(long Position, Guid Id);

    private sealed record SqlitePending(long Count, string? Oldest);

    private sealed record PostgresPending(long Count, DateTimeOffset? Oldest);
}
