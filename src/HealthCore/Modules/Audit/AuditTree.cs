using Microsoft.EntityFrameworkCore;

namespace HealthCore.Modules.Audit;

/// <summary>Reads of the caller's tree shared by the proof endpoints.</summary>
internal static class AuditTree
{
    public static Task<AuditTreeHead?> HeadAsync(AuditDb db, CancellationToken cancellationToken)
    {
        var tenant = db.Chain;
        return db.TreeHeads.AsNoTracking().SingleOrDefaultAsync(h => h.TenantId == tenant, cancellationToken);
    }

    public static Task<AuditCheckpoint?> LatestCheckpointAsync(AuditDb db, CancellationToken cancellationToken)
    {
        var tenant = db.Chain;
        return db.Checkpoints.AsNoTracking().Where(c => c.TenantId == tenant)
            .OrderByDescending(c => c.TreeSize).ThenByDescending(c => c.IssuedAt).FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>The leaf hashes of the first <paramref name="size"/> leaves (proofs are computed from them).</summary>
    public static async Task<List<byte[]>> LeavesAsync(AuditDb db, long size, CancellationToken cancellationToken)
    {
        var tenant = db.Chain;
        var hashes = await db.Leaves.AsNoTracking().Where(l => l.TenantId == tenant && l.LeafIndex < size)
            .OrderBy(l => l.LeafIndex).Select(l => l.LeafHash).ToListAsync(cancellationToken);
        return [.. hashes.Select(Convert.FromHexString)];
    }

    public static List<string> Hex(IEnumerable<byte[]> hashes) => [.. hashes.Select(Convert.ToHexStringLower)];
}
