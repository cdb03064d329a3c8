namespace HealthCore.Platform.Events;

internal static class RetryBackoff
{
    /// <summary>The wait before the next attempt after <paramref name="failedAttempts"/> failures (1 or more).</summary>
    public static TimeSpan After(int failedAttempts, EventOptions options)
    {
        var milliseconds = options.RetryBaseDelayMilliseconds * Math.Pow(2, Math.Max(0, failedAttempts - 1));
        return TimeSpan.FromMilliseconds(Math.Min(milliseconds, options.MaxRetryDelaySeconds * 1000.0));
    }
}
