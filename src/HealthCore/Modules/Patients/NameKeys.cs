using HealthCore.Platform.Text;

namespace HealthCore.Modules.Patients;

/// <summary>
/// Search keys for names: the platform's folded search text (lower case, accents and punctuation removed), so
/// "Müller-Lüdenscheidt" and "muller ludenscheidt" are the same key, plus the typo tolerance of name search.
/// </summary>
internal static class NameKeys
{
    /// <summary>Sorts after every character a key can contain: [prefix, prefix + Upper) is the prefix range.</summary>
    public const string Upper = SearchText.Upper;

    public static string Normalize(string? text) => SearchText.Fold(text);

    /// <summary>The search terms of a query: normalised words.</summary>
    public static string[] Terms(string? text) => SearchText.Words(text);

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
