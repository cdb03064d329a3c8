using HealthCore.Modules.Laboratory;

namespace HealthCore.Tests.Modules.Laboratory;

public sealed class NearestRankTests
{
    private static readonly double[] Five = [50, 15, 40, 20, 35];

    [Theory]
    [InlineData(5, 15)]
    [InlineData(30, 20)]
    [InlineData(40, 20)]
    [InlineData(50, 35)]
    [InlineData(90, 50)]
    [InlineData(100, 50)]
    public void The_percentile_is_the_value_at_rank_ceiling_of_p_percent_of_n_whatever_the_input_order(double percentile, double expected) =>
        NearestRank.Percentile(Five, percentile).ShouldBe(expected);

    [Fact]
    public void The_median_of_an_even_count_is_the_lower_middle_value_and_the_90th_of_ten_is_the_ninth()
    {
        NearestRank.Percentile([4, 1, 3, 2], 50).ShouldBe(2);
        NearestRank.Percentile([.. Enumerable.Range(1, 10).Select(i => (double)i)], 90).ShouldBe(9);
        NearestRank.Percentile([.. Enumerable.Range(1, 11).Select(i => (double)i)], 90).ShouldBe(10);
    }

    [Fact]
    public void One_value_is_every_percentile_and_no_values_have_none()
    {
        NearestRank.Percentile([7.5], 1).ShouldBe(7.5);
        NearestRank.Percentile([7.5], 100).ShouldBe(7.5);
        NearestRank.Percentile([], 50).ShouldBeNull();
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    [InlineData(100.5)]
    public void A_percentile_outside_0_exclusive_to_100_is_refused(double percentile) =>
        Should.Throw<ArgumentOutOfRangeException>(() => NearestRank.Percentile(Five, percentile));
}
