using System.ComponentModel.DataAnnotations;
using System.Text.RegularExpressions;

namespace HealthCore.Platform.Http;

/// <summary>
/// An IANA time zone id this host knows (e.g. "Europe/London", "America/New_York", "UTC"). Windows ids are refused so
/// stored values mean the same on every platform; null and empty are left to [Required].
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
internal sealed partial class IanaTimeZoneAttribute() : ValidationAttribute("{0} must be an IANA time zone id such as 'Europe/London' or 'UTC'.")
{
    public const int MaxLength = 64;

    public static bool IsValid(string id) =>
        id.Length <= MaxLength
        && ShapeOfAnId().IsMatch(id)
        && !id.Contains("..", StringComparison.Ordinal)
        && TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone)
        && zone.HasIanaId;

    public override bool IsValid(object? value) => value is null or "" || (value is string id && IsValid(id));

    // Letters, digits and the separators IANA uses; keeps odd input away from the zone file lookup.
    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_+/-]*$")]
    private static partial Regex ShapeOfAnId();
}
