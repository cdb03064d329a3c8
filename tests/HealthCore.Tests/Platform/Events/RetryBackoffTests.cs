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

    [Fact]
    public void A_jittered_delay_falls_in_the_upper_half_of_the_exponential_delay_and_varies()
    {
        var random = new Random(42);

        var delays = Enumerable.Range(0, 200)
            .Select(_ => RetryBackoff.WithJitter(3, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(5), random).TotalMilliseconds)
            .ToList();

        delays.ShouldAllBe(d => d >= 2000 && d <= 4000);
        delays.Distinct().Count().ShouldBeGreaterThan(100);
        delays.Min().ShouldBeLessThan(2500);
        delays.Max().ShouldBeGreaterThan(3500);
    }

    [Fact]
    public void A_jittered_delay_never_exceeds_the_cap()
    {
        RetryBackoff.WithJitter(50, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60), new Random(7)).ShouldBeLessThanOrEqualTo(TimeSpan.FromSeconds(60));
    }
}
