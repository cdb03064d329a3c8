using HealthCore.Platform.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace HealthCore.Modules.Audit;

/// <summary>RFC 6962 consistency proof that the tree of <c>first</c> leaves is a prefix of the tree of <c>second</c> leaves.</summary>
internal sealed record ConsistencyProofResponse(long First, long Second, string FirstRootHash, string SecondRootHash, IReadOnlyList<string> Proof);

internal static class GetConsistencyProof
{
    public static async Task<Results<Ok<ConsistencyProofResponse>, ValidationProblem>> Handle(
        long first, long second, AuditDb db, CancellationToken cancellationToken)
    {
        var size = (await AuditTree.HeadAsync(db, cancellationToken))?.TreeSize ?? 0;
        if (first < 1 || first > second)
        {
            return FieldErrors.Invalid("first", "Must be at least 1 and at most second.");
        }

        if (second > size)
        {
            return FieldErrors.Invalid("second", $"Must be at most the tree size ({size}).");
        }

        var leaves = await AuditTree.LeavesAsync(db, second, cancellationToken);
        return TypedResults.Ok(new ConsistencyProofResponse(
            first, second, Convert.ToHexStringLower(MerkleTree.Root(leaves[..(int)first])), Convert.ToHexStringLower(MerkleTree.Root(leaves)),
            AuditTree.Hex(MerkleTree.ConsistencyProof(leaves, first, second))));
    }
}
