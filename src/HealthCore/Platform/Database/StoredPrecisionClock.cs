namespace HealthCore.Platform.Database;

/// <summary>
/// Hands out "now" at the precision the database keeps (whole microseconds), so an instant returned right after
/// a write equals the one read back later on either provider.
/// </summary>
internal sealed class StoredPrecisionClock(TimeProvider inner) : TimeProvider
{
    public override TimeZoneInfo LocalTimeZone => inner.LocalTimeZone;

    public override long TimestampFrequency => inner.TimestampFrequency;

    public override DateTimeOffset GetUtcNow() => InstantStorage.ToStoredPrecision(inner.GetUtcNow());

    public override long GetTimestamp() => inner.GetTimestamp();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        inner.CreateTimer(callback, state, dueTime, period);
}
