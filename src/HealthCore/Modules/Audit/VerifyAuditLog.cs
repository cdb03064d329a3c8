using HealthCore.Platform.Auditing;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace HealthCore.Modules.Audit;

/// <summary>
/// The frozen legacy chain: how many of its records check out from the start, the first that does not, and whether
/// it still ends at its frozen head.
/// </summary>
internal sealed record LegacyChainVerification(long Verified, Guid? FirstBrokenAt, bool HeadMatches);

/// <summary>
/// The tree: leaves whose record still hashes to them from the start, the first broken leaf (its record edited,
/// deleted or moved) and its record, whether the stored leaves give the head's root, whether every signed checkpoint
/// is validly signed and matches the root of its prefix (the first that does not, by size), and records that are
/// past the sealer's cursor but in no tree (inserted behind the sealer's back; or sealing is simply behind).
/// </summary>
internal sealed record TreeVerification(
    long TreeSize,
    long VerifiedLeaves,
    long? FirstBrokenLeaf,
    Guid? FirstBrokenRecord,
    bool RootMatches,
    long CheckpointsChecked,
    long? FirstBadCheckpointSize,
    CheckpointResponse? LatestCheckpoint,
    long UnsealedRecords,
    Guid? FirstUnsealedRecord);

internal sealed record AuditVerification(bool Verified, LegacyChainVerification Legacy, TreeVerification Tree);

internal static class VerifyAuditLog
{
    public static async Task<Ok<AuditVerification>> Handle(AuditDb db, CheckpointSigner signer, CancellationToken cancellationToken)
    {
        // Unsealed records first, then checkpoints and head: a record sealed in between is counted in the tree, not lost;
        // what is sealed after the head was read only makes the tree look shorter, never broken.
        var tenant = db.Chain;
        var unsealed = db.Records.AsNoTracking().Where(r => r.TenantId == tenant && !db.Leaves.Any(l => l.RecordId == r.Id));
        var unsealedCount = await unsealed.LongCountAsync(cancellationToken);
        var firstUnsealed = await unsealed.OrderBy(r => r.Id).Select(r => (Guid?)r.Id).FirstOrDefaultAsync(cancellationToken);
        var checkpoints = await db.Checkpoints.AsNoTracking().Where(c => c.TenantId == tenant).ToListAsync(cancellationToken);
        var head = await AuditTree.HeadAsync(db, cancellationToken);
        var legacy = await VerifyLegacyAsync(db, tenant, cancellationToken);
        var tree = await VerifyTreeAsync(db, tenant, head, checkpoints, signer, cancellationToken) with
        {
            UnsealedRecords = unsealedCount,
            FirstUnsealedRecord = firstUnsealed,
        };
        var verified = legacy.FirstBrokenAt is null && legacy.HeadMatches
            && tree.FirstBrokenLeaf is null && tree.RootMatches && tree.FirstBadCheckpointSize is null;
        return TypedResults.Ok(new AuditVerification(verified, legacy, tree));
    }

    private static async Task<LegacyChainVerification> VerifyLegacyAsync(AuditDb db, Guid tenant, CancellationToken cancellationToken)
    {
        var head = await db.ChainHeads.AsNoTracking().SingleOrDefaultAsync(h => h.TenantId == tenant, cancellationToken);
        var records = db.Records.AsNoTracking().Where(r => r.TenantId == tenant && r.Format == AuditRecord.LegacyChainFormat)
            .OrderBy(r => r.Sequence).AsAsyncEnumerable();
        long verified = 0;
        var previousHash = AuditHash.Genesis;
        await foreach (var record in records.WithCancellation(cancellationToken))
        {
            if (record.Sequence != verified + 1
                || !string.Equals(record.PreviousHash, previousHash, StringComparison.Ordinal)
                || !string.Equals(AuditHash.Of(record), record.Hash, StringComparison.Ordinal))
            {
                return new LegacyChainVerification(verified, record.Id, HeadMatches: false);
            }

            verified++;
            previousHash = record.Hash;
        }

        var headMatches = head is null
            ? verified == 0
            : verified == head.LastSequence && (head.LastSequence == 0 || string.Equals(previousHash, head.LastHash, StringComparison.Ordinal));
        return new LegacyChainVerification(verified, null, headMatches);
    }

    private static async Task<TreeVerification> VerifyTreeAsync(
        AuditDb db, Guid tenant, AuditTreeHead? head, List<AuditCheckpoint> checkpoints, CheckpointSigner signer, CancellationToken cancellationToken)
    {
        var size = head?.TreeSize ?? 0;
        var leaves = from leaf in db.Leaves.AsNoTracking()
                     where leaf.TenantId == tenant && leaf.LeafIndex < size
                     orderby leaf.LeafIndex
                     join record in db.Records.AsNoTracking() on leaf.RecordId equals record.Id into matches
                     from record in matches.DefaultIfEmpty()
                     select new { leaf.LeafIndex, leaf.LeafHash, Record = record };
        var bySize = checkpoints.ToLookup(c => c.TreeSize);
        var badCheckpoints = checkpoints.Where(c => c.TreeSize > size || !signer.IsValid(c)).Select(c => c.TreeSize).ToList();
        var frontier = MerkleFrontier.Empty();
        long? firstBroken = null;
        Guid? brokenRecord = null;
        await foreach (var entry in leaves.AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            var stored = Convert.FromHexString(entry.LeafHash);
            if (firstBroken is null
                && (entry.LeafIndex != frontier.Size
                    || entry.Record is null
                    || entry.Record.TenantId != tenant
                    || !MerkleTree.LeafHash(AuditHash.Canonical(entry.Record)).AsSpan().SequenceEqual(stored)))
            {
                firstBroken = frontier.Size;
                brokenRecord = entry.Record?.Id;
            }

            frontier.Append(stored);
            var root = Convert.ToHexStringLower(frontier.Root());
            badCheckpoints.AddRange(bySize[frontier.Size].Where(c => !string.Equals(c.RootHash, root, StringComparison.Ordinal)).Select(c => c.TreeSize));
        }

        var rootMatches = frontier.Size == size && (head is null || string.Equals(Convert.ToHexStringLower(frontier.Root()), head.RootHash, StringComparison.Ordinal));
        if (firstBroken is null && frontier.Size < size)
        {
            firstBroken = frontier.Size;
        }

        var latest = checkpoints.OrderByDescending(c => c.TreeSize).ThenByDescending(c => c.IssuedAt).FirstOrDefault();
        return new TreeVerification(
            size,
            firstBroken ?? size,
            firstBroken,
            brokenRecord,
            rootMatches,
            checkpoints.Count,
            badCheckpoints.Count == 0 ? null : badCheckpoints.Min(),
            latest is null ? null : CheckpointResponse.From(latest),
            0,
            null);
    }
}
