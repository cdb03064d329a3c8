using HealthCore.Platform.Auditing;

namespace HealthCore.Modules.Audit;

/// <summary>A record's place in its tenant's Merkle tree: leaf index and RFC 6962 leaf hash of its canonical form.</summary>
[NotAudited]
internal sealed class AuditLeaf
{
    public Guid TenantId { get; init; }

    public long LeafIndex { get; init; }

    public Guid RecordId { get; init; }

    /// <summary>Lowercase hex SHA-256(0x00 || canonical form).</summary>
    public required string LeafHash { get; init; }
}
