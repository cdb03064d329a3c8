using HealthCore.Platform.Auditing;

namespace HealthCore.Modules.Audit;

/// <summary>The end of a tenant's legacy linear chain, frozen when the Merkle log replaced it; verify checks the chain up to it.</summary>
[NotAudited]
internal sealed class AuditChainHead
{
    public Guid TenantId { get; init; }

    public long LastSequence { get; init; }

    public string LastHash { get; init; } = "";
}
