using System.Text;

namespace HealthCore.Platform.Text;

/// <summary>
/// Search keys for free text: lower case, accents and punctuation removed, letters that do not decompose spelled out
/// (ß → ss, ø → o), words separated by single spaces, so "Müller-Lüdenscheidt" and "muller ludenscheidt" are the same
/// key. Keys are ASCII, which lets a prefix search be a plain range on a "C"-collated column or a sorted array. The
/// service runs with invariant globalization, where string.Normalize cannot decompose accents, hence the folding table
/// for Latin-1 and Latin Extended-A/B.
/// </summary>
internal static class SearchText
{
    // U+00C0..U+024F: the base letter of each accented letter (from its canonical decomposition), or a space.
    private const string LatinFold = ""
        + "aaaaaa ceeeeiiii nooooo  uuuuy  aaaaaa ceeeeiiii nooooo  uuuuy y"
        + "aaaaaaccccccccdd  eeeeeeeeeegggggggghh  iiiiiiiii   jjkk llllll "
        + "   nnnnnn   oooooo  rrrrrrsssssssstttt  uuuuuuuuuuuuwwyyyzzzzzz "
        + "                                oo             uu               "
        + "             aaiioouuuuuuuuuu aaaa    ggkkoooo  j   gg  nnaa    "
        + "aaaaeeeeiiiioooorrrruuuusstt  hh      aaeeooooooooyy            "
        + "                ";

    /// <summary>Sorts after every character a key can contain: [prefix, prefix + Upper) is the prefix range.</summary>
    public const string Upper = "~";

    public static string Fold(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return "";
        }

        var key = new StringBuilder(text.Length);
        var space = false;
        foreach (var c in text)
        {
            if (c is >= '\u0300' and <= '\u036F' or '\'' or '’' or '`' or '.')
            {
                continue; // combining accents of decomposed input, and apostrophes: O'Brien is obrien
            }

            var mapped = char.ToLowerInvariant(c) switch
            {
                'ß' => "ss",
                'æ' => "ae",
                'œ' => "oe",
                'ø' => "o",
                'đ' or 'ð' => "d",
                'ł' => "l",
                'þ' => "th",
                'ı' => "i",
                var lower and (>= 'a' and <= 'z' or >= '0' and <= '9') => lower.ToString(),
                var other and >= '\u00C0' and <= '\u024F' when LatinFold[other - '\u00C0'] != ' ' => LatinFold[other - '\u00C0'].ToString(),
                _ => null,
            };
            if (mapped is null)
            {
                space = key.Length > 0;
                continue;
            }

            if (space)
            {
                key.Append(' ');
                space = false;
            }

            key.Append(mapped);
        }

        return key.ToString();
    }

    /// <summary>The words of a text or query, folded.</summary>
    public static string[] Words(string? text) => Fold(text).Split(' ', StringSplitOptions.RemoveEmptyEntries);
}
