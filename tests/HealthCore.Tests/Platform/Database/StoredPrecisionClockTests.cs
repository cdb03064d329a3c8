using HealthCore.Platform.Database;

namespace HealthCore.Tests.Platform.Database;

public sealed class StoredPrecisionClockTests
{
    [Fact]
    public void Now_is_cut_to_whole_microseconds_towards_the_past()
    {
        var clock = new StoredPrecisionClock(TestClock.StoppedAt(new DateTimeOffset(2026, 11, 22, 4, 5, 6, TimeSpan.Zero).AddTicks(1234567)));

        clock.GetUtcNow().Ticks.ShouldBe(new DateTimeOffset(2026, 11, 22, 4, 5, 6, TimeSpan.Zero).AddTicks(1234560).Ticks);
    }
}
