namespace HealthCore.Modules.Laboratory;

/// <summary>
/// Percentiles by the nearest-rank method: the p-th percentile of n values sorted ascending is the value at rank
/// ceil(p / 100 × n) (1-based), so it is always an observed value. The median is the 50th percentile by the same
/// rule: for an even count, the lower of the two middle values.
/// </summary>
internal static class NearestRank
{
    /// <summary>The <paramref name="percentile"/>-th percentile (0 &lt; p ≤ 100) of the values; null when there are none.</summary>
    public static double? Percentile(IReadOnlyList<double> values, double percentile)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(percentile);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(percentile, 100);
        if (values.Count == 0)
        {
            return null;
        }

        var sorted = values.Order().ToList();
        var rank = (int)Math.Ceiling(percentile / 100 * sorted.Count);
        return sorted[Math.Clamp(rank, 1, sorted.Count) - 1];
    }
}
