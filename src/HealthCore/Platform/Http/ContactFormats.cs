using System.Text.RegularExpressions;

namespace HealthCore.Platform.Http;

/// <summary>Formats of contact details every module accepts the same way.</summary>
internal static partial class ContactFormats
{
    /// <summary>E.164: "+", a country code that does not start with 0, 7 to 15 digits in all.</summary>
    public const string E164Pattern = @"^\+[1-9][0-9]{6,14}$";

    public static bool IsE164Phone(string value) => E164().IsMatch(value);

    [GeneratedRegex(E164Pattern, RegexOptions.CultureInvariant)]
    private static partial Regex E164();
}
