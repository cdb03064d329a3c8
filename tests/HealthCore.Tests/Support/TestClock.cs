namespace HealthCore.Tests.Support;

/// <summary>
/// The one clock tests give the app: system time (optionally ahead by an offset) that tests move forward with
/// <see cref="Advance"/>, or stop at an instant with <see cref="StopAt"/> until <see cref="Resume"/>.
/// </summary>
internal sealed class TestClock(TimeSpan ahead = default) : TimeProvider
{
    private readonly Lock gate = new();
    private DateTimeOffset? stopped;
    private TimeSpan offset = ahead;

    public static TestClock StoppedAt(DateTimeOffset instant)
    {
        var clock = new TestClock();
        clock.StopAt(instant);
        return clock;
    }

    public override DateTimeOffset GetUtcNow()
    {
        lock (gate)
        {
            return stopped ?? System.GetUtcNow() + offset;
        }
    }

    public void StopAt(DateTimeOffset instant)
    {
        lock (gate)
        {
            stopped = instant;
        }
    }

    /// <summary>Moves the clock on: a stopped clock stays stopped, later; a running one runs on, ahead.</summary>
    public void Advance(TimeSpan by)
    {
        lock (gate)
        {
            if (stopped is { } instant)
            {
                stopped = instant + by;
            }
            else
            {
                offset += by;
            }
        }
    }

    /// <summary>Runs again from system time (plus the offset).</summary>
    public void Resume()
    {
        lock (gate)
        {
            stopped = null;
        }
    }
}
