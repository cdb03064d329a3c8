using HealthCore.Platform.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace HealthCore.Modules.Audit;

/// <summary>
/// A signed checkpoint: <c>signature</c> is base64 ES256 (r||s) by key <c>keyId</c> (see /audit/keys) over the UTF-8
/// statement "healthcore-audit-checkpoint/v1\ntenant {tenantId}\nsize {treeSize}\nroot {rootHash}\nissued {issuedAt}\n".
/// </summary>
internal sealed record CheckpointResponse(Guid TenantId, long TreeSize, string RootHash, DateTimeOffset IssuedAt, string KeyId, string Algorithm, string Signature)
{
    public static CheckpointResponse From(AuditCheckpoint c) =>
        new(c.TenantId, c.TreeSize, c.RootHash, c.IssuedAt, c.KeyId, CheckpointSigner.Algorithm, c.Signature);
}

internal static class GetLatestCheckpoint
{
    public static async Task<Results<Ok<CheckpointResponse>, NotFoundProblem>> Handle(AuditDb db, CancellationToken cancellationToken) =>
        await AuditTree.LatestCheckpointAsync(db, cancellationToken) is { } checkpoint
            ? TypedResults.Ok(CheckpointResponse.From(checkpoint))
            : new NotFoundProblem("No checkpoint yet.", "The caller's audit tree has not been checkpointed yet; checkpoints follow sealing within seconds.");
}
