namespace HealthCore.Platform.Observability;

/// <summary>
/// How far the audit sealer is behind, as last measured by it: committed records not yet in a tenant's Merkle tree,
/// and the age in seconds of the oldest of them (0 when none). Exported as healthcore.audit.unsealed and
/// healthcore.audit.sealing_lag.
/// </summary>
internal sealed class AuditSealingLag
{
    private long unsealed;
    private long lagMicroseconds;

    public long Unsealed
    {
        get => Volatile.Read(ref unsealed);
        set => Volatile.Write(ref unsealed, value);
    }

    public double LagSeconds
    {
        get => Volatile.Read(ref lagMicroseconds) / 1_000_000d;
        set => Volatile.Write(ref lagMicroseconds, (long)(value * 1_000_000));
    }
}
