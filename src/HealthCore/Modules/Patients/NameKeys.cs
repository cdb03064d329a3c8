using System.Text;

namespace HealthCore.Modules.Patients;

/// <summary>
/// Search keys for names: lower case, accents and punctuation removed, letters that do not decompose spelled out
/// (ß → ss, ø → o), so "Müller-Lüdenscheidt" and "muller ludenscheidt" are the same key. Keys are ASCII, which lets a
/// prefix search be a plain range on a "C"-collated column. The service runs with invariant globalization, where
/// string.Normalize cannot decompose accents, hence the folding table for Latin-1 and Latin Extended-A/B.
/// </summary>
internal static class NameKeys
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

    public static string Normalize(string? text)
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

    /// <summary>The search terms of a query: normalised words.</summary>
    public static string[] Terms(string? text) => Normalize(text).Split(' ', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>How many typing errors a term of this length may contain and still match: none for very short terms.</summary>
    public static int Tolerance(string term) => term.Length switch
    {
        <= 3 => 0,
        <= 7 => 1,
        _ => 2,
    };

    /// <summary>
    /// The typing distance between a search term and a name word: the optimal string alignment distance (a swap of two
    /// neighbouring letters counts once) to the whole word, or to its beginning of the term's length (a prefix with a typo).
    /// </summary>
    public static int Distance(string term, string word)
    {
        var whole = Osa(term, word);
        return word.Length > term.Length ? Math.Min(whole, Osa(term, word[..term.Length])) : whole;
    }

    /// <summary>0..1: how alike two names are (1 is equal), from their distance relative to the longer one.</summary>
    public static double Similarity(string a, string b)
    {
        if (a.Length == 0 || b.Length == 0)
        {
            return 0;
        }

        return 1.0 - ((double)Osa(a, b) / Math.Max(a.Length, b.Length));
    }

    private static int Osa(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }
}
