using HealthCore.Platform.Events;

namespace HealthCore.Tests.Platform.Events;

public sealed class RetryBackoffTests
{
    [Fact]
    public void The_retry_delay_doubles_with_each_failure_up_to_the_cap()
    {
        var options = new EventOptions { RetryBaseDelayMilliseconds = 1000, MaxRetryDelaySeconds = 10 };

        var delays = Enumerable.Range(1, 6).Select(failures => RetryBackoff.After(failures, options).TotalSeconds).ToArray();

        delays.ShouldBe([1, 2, 4, 8, 10, 10]);
    }

    [Fact]
    public void The_retry_delay_stays_capped_after_very_many_failures()
    {
        var options = new EventOptions { RetryBaseDelayMilliseconds = 1000, MaxRetryDelaySeconds = 300 };

        RetryBackoff.After(5000, options).ShouldBe(TimeSpan.FromSeconds(300));
    }
}
