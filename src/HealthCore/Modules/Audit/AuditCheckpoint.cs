using HealthCore.Platform.Auditing;

namespace HealthCore.Modules.Audit;

/// <summary>A signed statement of a tenant's tree at one size: anchor it outside the database to detect a rewritten tree.</summary>
[NotAudited]
internal sealed class AuditCheckpoint
{
    public Guid Id { get; init; }

    public Guid TenantId { get; init; }

    public long TreeSize { get; init; }

    public required string RootHash { get; init; }

    public DateTimeOffset IssuedAt { get; init; }

    public required string KeyId { get; init; }

    /// <summary>Base64 ES256 signature (IEEE P1363, r||s) over <see cref="CheckpointSigner.Statement"/>.</summary>
    public required string Signature { get; init; }
}
