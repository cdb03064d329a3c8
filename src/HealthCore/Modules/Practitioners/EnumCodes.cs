using System.Text.Json;
using HealthCore.Platform.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace HealthCore.Modules.Practitioners;

/// <summary>Enum values as the API spells them (camelCase names), for query strings, stored flag lists and contracts.</summary>
internal static class EnumCodes
{
    public static string Of<TEnum>(TEnum value)
        where TEnum : struct, Enum => JsonNamingPolicy.CamelCase.ConvertName(value.ToString());

    /// <summary>Only a defined name matches (any case): unlike Enum.TryParse, no numbers and no comma-separated combinations.</summary>
    public static bool TryParse<TEnum>(string text, out TEnum value)
        where TEnum : struct, Enum
    {
        foreach (var candidate in Enum.GetValues<TEnum>())
        {
            if (string.Equals(candidate.ToString(), text.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                value = candidate;
                return true;
            }
        }

        value = default;
        return false;
    }

    public static ValidationProblem Unknown<TEnum>(string field)
        where TEnum : struct, Enum =>
        RequestValidation.Problem(field, $"Unknown value; use one of: {string.Join(", ", Enum.GetValues<TEnum>().Select(Of))}.");
}
