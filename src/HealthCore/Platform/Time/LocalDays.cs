namespace HealthCore.Platform.Time;

/// <summary>
/// Local calendar days of a time zone (a facility's or the tenant's): which day an instant falls on, and the instant a
/// day begins. Census days, lengths of stay, schedule exceptions and daily views all count days this one way.
/// </summary>
internal static class LocalDays
{
    public static DateOnly DateOf(DateTimeOffset instant, TimeZoneInfo zone) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, zone).DateTime);

    /// <summary>The instant local midnight begins <paramref name="date"/> (the first valid local time when a DST change skips midnight).</summary>
    public static DateTimeOffset StartOf(DateOnly date, TimeZoneInfo zone)
    {
        var local = date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        while (zone.IsInvalidTime(local))
        {
            local = local.AddMinutes(15);
        }

        return new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUniversalTime();
    }
}
