using HealthCore.Platform.Database;

namespace HealthCore.Tests.Platform.Database;

public sealed class StoredPrecisionClockTests
{
    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    [Fact]
    public void Now_is_cut_to_whole_microseconds_towards_the_past()
    {
        var clock = new StoredPrecisionClock(new FixedClock(new DateTimeOffset(2026, 11, 22, 4, 5, 6, TimeSpan.Zero).AddTicks(1234567)));

        clock.GetUtcNow().Ticks.ShouldBe(new DateTimeOffset(2026, 11, 22, 4, 5, 6, TimeSpan.Zero).AddTicks(1234560).Ticks);
    }
}
