using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Http.HttpResults;

namespace HealthCore.Platform.Http;

/// <summary>
/// Dates and instants between 1900-01-01 and 2199-12-31 (instants by their UTC date). Nothing a hospital records lies
/// outside, and arithmetic near the limits of the types (a day added, a time zone applied) would overflow into a 500.
/// </summary>
internal static class PlausibleDates
{
    public const string Earliest = "1900-01-01";
    public const string Latest = "2199-12-31";

    public static bool Contains(DateOnly date) => date.Year is >= 1900 and <= 2199;

    public static bool Contains(DateTimeOffset instant) => Contains(DateOnly.FromDateTime(instant.UtcDateTime));

    /// <summary>400 naming <paramref name="field"/> for a date outside the range; null for one inside (or none).</summary>
    public static ValidationProblem? OutOfRange(string field, DateOnly? date) =>
        date is { } value && !Contains(value) ? FieldErrors.Invalid(field, $"The date must be between {Earliest} and {Latest}.") : null;

    public static ValidationProblem? OutOfRange(string field, DateTimeOffset? instant) =>
        OutOfRange(field, instant is { } value ? DateOnly.FromDateTime(value.UtcDateTime) : null);
}

/// <summary>A date between 1900-01-01 and 2199-12-31.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
internal sealed class PlausibleDateAttribute : RangeAttribute
{
    public PlausibleDateAttribute()
        : base(typeof(DateOnly), PlausibleDates.Earliest, PlausibleDates.Latest)
    {
        ParseLimitsInInvariantCulture = true;
        ConvertValueInInvariantCulture = true;
    }
}

/// <summary>An instant whose UTC date is between 1900-01-01 and 2199-12-31.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
internal sealed class PlausibleInstantAttribute()
    : ValidationAttribute($"{{0}} must be between {PlausibleDates.Earliest} and {PlausibleDates.Latest}.")
{
    public override bool IsValid(object? value) => value is not DateTimeOffset instant || PlausibleDates.Contains(instant);
}
