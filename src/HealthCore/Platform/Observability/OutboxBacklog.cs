namespace HealthCore.Platform.Observability;

/// <summary>
/// The number of outbox messages waiting to be dispatched, as last counted by the outbox dispatcher;
/// exported as the healthcore.outbox.backlog gauge.
/// </summary>
internal sealed class OutboxBacklog
{
    private long current;

    public long Current
    {
        get => Volatile.Read(ref current);
        set => Volatile.Write(ref current, value);
    }
}
