namespace HealthCore.Platform.Events;

internal static class RetryBackoff
{
    /// <summary>The wait before the next attempt after <paramref name="failedAttempts"/> failures (1 or more).</summary>
    public static TimeSpan After(int failedAttempts, EventOptions options) =>
        After(failedAttempts, TimeSpan.FromMilliseconds(options.RetryBaseDelayMilliseconds), TimeSpan.FromSeconds(options.MaxRetryDelaySeconds));

    /// <summary><paramref name="baseDelay"/> after the first failure, doubling per further failure, capped at <paramref name="maxDelay"/>.</summary>
    public static TimeSpan After(int failedAttempts, TimeSpan baseDelay, TimeSpan maxDelay)
    {
        var milliseconds = baseDelay.TotalMilliseconds * Math.Pow(2, Math.Max(0, failedAttempts - 1));
        return TimeSpan.FromMilliseconds(Math.Min(milliseconds, maxDelay.TotalMilliseconds));
    }

    /// <summary>
    /// The exponential delay with "equal jitter": a random point in its upper half, so that many rows failing together
    /// (a gateway outage) spread their retries instead of hitting the recovered gateway at the same instant.
    /// </summary>
    public static TimeSpan WithJitter(int failedAttempts, TimeSpan baseDelay, TimeSpan maxDelay, Random random)
    {
        var delay = After(failedAttempts, baseDelay, maxDelay);
        return delay / 2 + delay / 2 * random.NextDouble();
    }
}
