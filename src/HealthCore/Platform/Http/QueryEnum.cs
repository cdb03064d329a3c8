using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;

namespace HealthCore.Platform.Http;

/// <summary>
/// Enum values as the API spells them (camelCase names, any case accepted on input), for query strings, stored flag
/// lists and contracts. Minimal API binding would accept only the C# names, case-sensitively, and numbers.
/// </summary>
internal static class QueryEnum
{
    public static string Name<TEnum>(TEnum value)
        where TEnum : struct, Enum => JsonNamingPolicy.CamelCase.ConvertName(value.ToString());

    /// <summary>Only a defined name matches (any case): unlike Enum.TryParse, no numbers and no comma-separated combinations.</summary>
    public static bool TryParse<TEnum>(string? text, out TEnum value)
        where TEnum : struct, Enum
    {
        var trimmed = text?.Trim();
        foreach (var candidate in Enum.GetValues<TEnum>())
        {
            if (string.Equals(candidate.ToString(), trimmed, StringComparison.OrdinalIgnoreCase))
            {
                value = candidate;
                return true;
            }
        }

        value = default;
        return false;
    }

    /// <summary>An optional filter: no text is no filter; text that names no value is a 400 naming the parameter and the allowed values.</summary>
    public static ValidationProblem? TryParse<TEnum>(string? text, string parameter, out TEnum? value)
        where TEnum : struct, Enum
    {
        value = null;
        if (text is null)
        {
            return null;
        }

        if (TryParse<TEnum>(text, out var parsed))
        {
            value = parsed;
            return null;
        }

        return Unknown<TEnum>(parameter);
    }

    public static ValidationProblem Unknown<TEnum>(string field)
        where TEnum : struct, Enum =>
        FieldErrors.Invalid(field, $"Unknown value; use one of: {string.Join(", ", Enum.GetValues<TEnum>().Select(Name))}.");
}
