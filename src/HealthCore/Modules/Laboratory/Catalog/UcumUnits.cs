namespace HealthCore.Modules.Laboratory;

/// <summary>
/// A sanity check of UCUM unit syntax (the case-sensitive form), not a full parser: printable ASCII without spaces,
/// balanced [ ] and ( ), { } annotations closed and not nested, no empty factor around '.' or '/', and none of the
/// spellings UCUM does not have but labs often write (mcg, cc, IU, sec, hr).
/// </summary>
internal static class UcumUnits
{
    public const string Rule = "A unit is UCUM (case-sensitive), e.g. mmol/L, g/L, 10*9/L, %, [IU]/L, {INR}; '1' for a unitless quantity.";

    private static readonly Dictionary<string, string> CommonMistakes = new(StringComparer.Ordinal)
    {
        ["mcg"] = "ug",
        ["cc"] = "mL",
        ["IU"] = "[IU]",
        ["mIU"] = "m[IU]",
        ["uIU"] = "u[IU]",
        ["sec"] = "s",
        ["hr"] = "h",
        ["hrs"] = "h",
        ["mins"] = "min",
    };

    /// <summary>Null when the unit passes, else why it does not.</summary>
    public static string? Check(string unit)
    {
        if (unit.Length is 0 or > LabTest.UnitLength)
        {
            return $"{Rule} At most {LabTest.UnitLength} characters.";
        }

        var square = 0;
        var round = 0;
        var inAnnotation = false;
        var atom = new System.Text.StringBuilder();
        var previous = '\0';
        foreach (var c in unit)
        {
            if (c is < '!' or > '~')
            {
                return $"{Rule} No spaces or non-ASCII characters.";
            }

            if (inAnnotation)
            {
                inAnnotation = c != '}';
                if (c == '{')
                {
                    return $"{Rule} Annotations {{...}} do not nest.";
                }

                continue;
            }

            switch (c)
            {
                case '{':
                    inAnnotation = true;
                    break;
                case '}':
                    return $"{Rule} '}}' without '{{'.";
                case '[':
                    square++;
                    break;
                case ']' when --square < 0:
                    return $"{Rule} ']' without '['.";
                case '(':
                    round++;
                    break;
                case ')' when --round < 0:
                    return $"{Rule} ')' without '('.";
                case '.' or '/' when previous is '.' or '/' || (c == '.' && previous == '\0'):
                    return $"{Rule} A '.' or '/' needs a unit on both sides.";
            }

            if (square == 0 && char.IsAsciiLetter(c))
            {
                atom.Append(c);
            }
            else if (atom.Length > 0)
            {
                if (CommonMistakes.TryGetValue(atom.ToString(), out var replacement))
                {
                    return $"{Rule} Write '{replacement}' for '{atom}'.";
                }

                atom.Clear();
            }

            previous = c;
        }

        if (atom.Length > 0 && CommonMistakes.TryGetValue(atom.ToString(), out var last))
        {
            return $"{Rule} Write '{last}' for '{atom}'.";
        }

        return inAnnotation || square != 0 || round != 0
            ? $"{Rule} Brackets and braces must be closed."
            : previous is '.' or '/' ? $"{Rule} A '.' or '/' needs a unit on both sides." : null;
    }
}
