namespace HealthCore.Platform.Auditing;

/// <summary>
/// The database incarnation new audit records are stamped with. The Audit module's sealer loads it at startup and
/// raises it when it detects a restore (the transaction id counter went backwards) or an operator asks.
/// </summary>
internal sealed class AuditEpoch
{
    private int current = 1;

    public int Current
    {
        get => Volatile.Read(ref current);
        set => Volatile.Write(ref current, value);
    }
}
