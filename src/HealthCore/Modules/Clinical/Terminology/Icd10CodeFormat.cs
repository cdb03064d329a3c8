namespace HealthCore.Modules.Clinical;

/// <summary>
/// The shape of an ICD-10-CM code: a letter, a digit, a letter or digit (the category, e.g. E11 or C4A), then up to
/// four more letters or digits after an optional dot (E11.9, S72.001A). Codes are compared in their compact form
/// (upper case, no dot) and shown with the dot after the category, as clinicians write them.
/// </summary>
internal static class Icd10CodeFormat
{
    public const int CategoryLength = 3;
    public const int MaxLength = 7;

    /// <summary>"e119", "E11.9" and " E119 " all give "E119"; anything that is not a code gives null.</summary>
    public static string? Compact(string? code)
    {
        if (string.IsNullOrWhiteSpace(code))
        {
            return null;
        }

        var text = code.Trim();
        if (text.Length > CategoryLength && text[CategoryLength] == '.')
        {
            text = string.Concat(text.AsSpan(0, CategoryLength), text.AsSpan(CategoryLength + 1));
            if (text.Length == CategoryLength)
            {
                return null; // "E11." names no code
            }
        }

        return IsCompactPrefix(text) && text.Length >= CategoryLength ? text.ToUpperInvariant() : null;
    }

    /// <summary>The dotted form of a compact code: E119 → E11.9; a category stays as it is.</summary>
    public static string Dotted(string compact) =>
        compact.Length <= CategoryLength ? compact : $"{compact[..CategoryLength]}.{compact[CategoryLength..]}";

    /// <summary>
    /// Whether a search query can be the beginning of a code ("e", "E1", "e11.", "E11.6"), and its compact upper-case
    /// form if so. Checked once per query, never per catalogue entry.
    /// </summary>
    public static string? CompactPrefix(string? query)
    {
        if (string.IsNullOrWhiteSpace(query))
        {
            return null;
        }

        var text = query.Trim();
        var dot = text.IndexOf('.', StringComparison.Ordinal);
        if (dot >= 0)
        {
            if (dot != CategoryLength)
            {
                return null;
            }

            text = string.Concat(text.AsSpan(0, CategoryLength), text.AsSpan(CategoryLength + 1));
        }

        return IsCompactPrefix(text) ? text.ToUpperInvariant() : null;
    }

    private static bool IsCompactPrefix(string text)
    {
        if (text.Length is 0 or > MaxLength || !char.IsAsciiLetter(text[0]))
        {
            return false;
        }

        if (text.Length > 1 && !char.IsAsciiDigit(text[1]))
        {
            return false;
        }

        for (var i = 2; i < text.Length; i++)
        {
            if (!char.IsAsciiLetterOrDigit(text[i]))
            {
                return false;
            }
        }

        return true;
    }
}
