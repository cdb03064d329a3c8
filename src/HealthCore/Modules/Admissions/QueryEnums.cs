using HealthCore.Platform.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace HealthCore.Modules.Admissions;

/// <summary>
/// Enum filters in query strings, spelled as in JSON bodies (camelCase, any case accepted). Minimal API binding would
/// accept only the C# names, case-sensitively, and numbers; this answers 400 naming the parameter and the allowed values.
/// </summary>
internal static class QueryEnums
{
    public static ValidationProblem? TryParse<TEnum>(string? text, string parameter, out TEnum? value)
        where TEnum : struct, Enum
    {
        value = null;
        if (text is null)
        {
            return null;
        }

        if (text.Length > 0 && !char.IsDigit(text[0]) && text[0] != '-' && Enum.TryParse<TEnum>(text, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed))
        {
            value = parsed;
            return null;
        }

        return FieldErrors.Invalid(parameter, $"Use one of: {string.Join(", ", Enum.GetValues<TEnum>().Select(AdmissionRules.Name))}.");
    }
}
