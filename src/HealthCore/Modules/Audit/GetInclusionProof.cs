using HealthCore.Platform.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace HealthCore.Modules.Audit;

/// <summary>RFC 6962 audit path of a record's leaf in the tree of <c>treeSize</c> leaves, with that tree's root.</summary>
internal sealed record InclusionProofResponse(Guid RecordId, long LeafIndex, long TreeSize, string LeafHash, string RootHash, IReadOnlyList<string> AuditPath);

internal static class GetInclusionProof
{
    // Without treeSize: the size of the latest checkpoint when it covers the record, else the current tree.
    public static async Task<Results<Ok<InclusionProofResponse>, ValidationProblem, NotFoundProblem, ConflictProblem>> Handle(
        Guid id, long? treeSize, AuditDb db, CancellationToken cancellationToken)
    {
        var tenant = db.Chain;
        if (!await db.Records.AnyAsync(r => r.Id == id && r.TenantId == tenant, cancellationToken))
        {
            return NotFoundProblem.For("Audit record", id);
        }

        var leaf = await db.Leaves.AsNoTracking().SingleOrDefaultAsync(l => l.RecordId == id && l.TenantId == tenant, cancellationToken);
        var head = await AuditTree.HeadAsync(db, cancellationToken);
        if (leaf is null || head is null)
        {
            return new ConflictProblem("Not sealed yet.", "The record is committed but not yet in the tree; it is sealed within a second. Retry.");
        }

        var checkpoint = await AuditTree.LatestCheckpointAsync(db, cancellationToken);
        var size = treeSize ?? (checkpoint is { } c && c.TreeSize > leaf.LeafIndex ? c.TreeSize : head.TreeSize);
        if (size <= leaf.LeafIndex || size > head.TreeSize)
        {
            return FieldErrors.Invalid("treeSize", $"Must be greater than the record's leaf index ({leaf.LeafIndex}) and at most the tree size ({head.TreeSize}).");
        }

        var leaves = await AuditTree.LeavesAsync(db, size, cancellationToken);
        return TypedResults.Ok(new InclusionProofResponse(
            id, leaf.LeafIndex, size, leaf.LeafHash, Convert.ToHexStringLower(MerkleTree.Root(leaves)),
            AuditTree.Hex(MerkleTree.InclusionProof(leaves, leaf.LeafIndex, size))));
    }
}
