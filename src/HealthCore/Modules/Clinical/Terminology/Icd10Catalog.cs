using System.Reflection;
using HealthCore.Platform.Text;

namespace HealthCore.Modules.Clinical;

/// <summary>
/// The ICD-10-CM code list diagnoses are checked against, held in memory and indexed for autocomplete; built once
/// (a singleton) from the shipped list of common codes or from a full licensed list in the same format. Lookups
/// ignore case and the optional dot ("e119" is E11.9). Search ranks the exact code first, then codes starting with
/// the query, then codes whose description has every query word as the beginning of one of its words (case and
/// accents ignored): whole-word matches before partial ones, descriptions that start with the first word before the
/// others ("Pneumonia, unspecified organism" before "Viral pneumonia"), then shorter descriptions. A query is a few
/// binary searches over sorted arrays and a check of the rarest word's candidates, so it keeps up with keystrokes.
/// </summary>
internal sealed class Icd10Catalog
{
    private const string CodesFile = "ICD-10 code list";
    private static readonly Lazy<Icd10Structure> ShippedStructure = new(() => ReadResource("icd10cm-structure.tsv", Icd10Structure.Load));
    private static readonly Lazy<Icd10Catalog> ShippedCatalog = new(() => ReadResource("icd10cm-codes.tsv", Load));

    // Entries sorted by compact code (ordinal), so a code prefix is a contiguous range.
    private readonly Entry[] _entries;
    private readonly string[] _compactCodes;

    // Every (word, entry) pair of the descriptions, sorted by word, so a word prefix is a contiguous range.
    private readonly string[] _words;
    private readonly int[] _wordEntries;

    private Icd10Catalog(Icd10Structure structure, List<Entry> entries)
    {
        Structure = structure;
        entries.Sort((a, b) => string.CompareOrdinal(a.Compact, b.Compact));
        _entries = [.. entries];
        _compactCodes = [.. entries.Select(e => e.Compact)];

        var pairs = new List<(string Word, int Entry)>();
        for (var i = 0; i < _entries.Length; i++)
        {
            pairs.AddRange(_entries[i].Words.Select(w => (w, i)));
        }

        pairs.Sort((a, b) => string.CompareOrdinal(a.Word, b.Word) is var byWord and not 0 ? byWord : a.Entry.CompareTo(b.Entry));
        _words = [.. pairs.Select(p => p.Word)];
        _wordEntries = [.. pairs.Select(p => p.Entry)];
    }

    /// <summary>The catalogue shipped with the service (common ICD-10-CM codes, see docs/terminology.md).</summary>
    public static Icd10Catalog Shipped => ShippedCatalog.Value;

    public Icd10Structure Structure { get; }

    public int Count => _entries.Length;

    public IEnumerable<Icd10Code> Codes => _entries.Select(e => e.Code);

    /// <summary>
    /// Reads a code list: one code a line, "code TAB description", the code with or without its dot; blank lines and
    /// lines starting with # are skipped. Every code must be well formed, unique and in a block of the shipped
    /// chapter/block structure; the first line that is not fails the whole load with its line number.
    /// </summary>
    public static Icd10Catalog Load(TextReader reader) => Load(reader, ShippedStructure.Value);

    private static Icd10Catalog Load(TextReader reader, Icd10Structure structure)
    {
        var entries = new List<Entry>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (line, fields) in Icd10Tsv.Rows(reader, CodesFile))
        {
            if (fields is not [var code, var display])
            {
                throw Icd10Tsv.Error(CodesFile, line, "expected 'code TAB description'");
            }

            var compact = Icd10CodeFormat.Compact(code)
                ?? throw Icd10Tsv.Error(CodesFile, line, $"'{code}' is not an ICD-10-CM code (letter, digit, letter or digit, then up to four more after an optional dot)");
            if (!seen.Add(compact))
            {
                throw Icd10Tsv.Error(CodesFile, line, $"{Icd10CodeFormat.Dotted(compact)} is listed twice");
            }

            var block = structure.BlockOf(compact[..Icd10CodeFormat.CategoryLength])
                ?? throw Icd10Tsv.Error(CodesFile, line, $"{Icd10CodeFormat.Dotted(compact)} lies in no block of the ICD-10-CM structure");
            entries.Add(new Entry(compact, new Icd10Code(Icd10CodeFormat.Dotted(compact), display, block), [.. SearchText.Words(display).Distinct(StringComparer.Ordinal)]));
        }

        return entries.Count > 0 ? new Icd10Catalog(structure, entries) : throw Icd10Tsv.Error(CodesFile, 0, "the list has no codes");
    }

    public Icd10Code? Find(string? code) =>
        Icd10CodeFormat.Compact(code) is { } compact && Array.BinarySearch(_compactCodes, compact, StringComparer.Ordinal) is var index and >= 0
            ? _entries[index].Code
            : null;

    public bool IsValid(string? code) => Find(code) is not null;

    public IReadOnlyList<Icd10Code> Search(string? query, int limit)
    {
        if (limit <= 0 || string.IsNullOrWhiteSpace(query))
        {
            return [];
        }

        var found = new List<int>(limit);
        var taken = new HashSet<int>();
        if (Icd10CodeFormat.CompactPrefix(query) is { } codePrefix)
        {
            var (from, to) = PrefixRange(_compactCodes, codePrefix);
            for (var i = from; i < to && found.Count < limit; i++)
            {
                // The range is in code order, so an exact match is its first element.
                if (taken.Add(i))
                {
                    found.Add(i);
                }
            }
        }

        if (found.Count < limit)
        {
            // At most found.Count of these are codes already taken, so asking for `limit` leaves enough new ones.
            foreach (var i in DescriptionMatches(SearchText.Words(query), limit))
            {
                if (found.Count == limit)
                {
                    break;
                }

                if (taken.Add(i))
                {
                    found.Add(i);
                }
            }
        }

        return [.. found.Select(i => _entries[i].Code)];
    }

    /// <summary>The best entries (at most <paramref name="limit"/>) whose description has each term as the beginning of a word.</summary>
    private IEnumerable<int> DescriptionMatches(string[] terms, int limit)
    {
        if (terms.Length == 0)
        {
            return [];
        }

        // Candidates come from the rarest term's range; the other terms are checked against each candidate's words.
        var ranges = terms.Distinct(StringComparer.Ordinal).Select(t => (Term: t, Range: PrefixRange(_words, t))).OrderBy(r => r.Range.To - r.Range.From).ToList();
        var (from, to) = ranges[0].Range;
        var others = ranges.Skip(1).Select(r => r.Term).ToArray();
        var seen = new bool[_entries.Length];

        // A common word ("unspecified") matches most of a full list: keep only the best `limit` in a heap whose top is
        // the worst kept, instead of ranking every match; the loop is allocation-free for the same reason.
        var best = new PriorityQueue<int, Rank>(limit + 1, Rank.WorstFirst);
        for (var w = from; w < to; w++)
        {
            var i = _wordEntries[w];
            if (seen[i])
            {
                continue;
            }

            seen[i] = true;
            var words = _entries[i].Words;
            if (!HasWordsStartingWith(words, others))
            {
                continue;
            }

            var rank = new Rank(WholeWords(words, terms), words[0].StartsWith(terms[0], StringComparison.Ordinal), words.Length, i);
            if (best.Count < limit)
            {
                best.Enqueue(i, rank);
            }
            else
            {
                best.EnqueueDequeue(i, rank);
            }
        }

        var ranked = new List<(int Index, Rank Rank)>(best.Count);
        while (best.TryDequeue(out var index, out var rank))
        {
            ranked.Add((index, rank));
        }

        ranked.Reverse(); // dequeued worst first
        return ranked.Select(r => r.Index);
    }

    private static bool HasWordsStartingWith(string[] words, string[] terms)
    {
        foreach (var term in terms)
        {
            if (Array.FindIndex(words, word => word.StartsWith(term, StringComparison.Ordinal)) < 0)
            {
                return false;
            }
        }

        return true;
    }

    private static int WholeWords(string[] words, string[] terms)
    {
        var count = 0;
        foreach (var term in terms)
        {
            if (Array.IndexOf(words, term) >= 0)
            {
                count++;
            }
        }

        return count;
    }

    private static (int From, int To) PrefixRange(string[] sorted, string prefix)
    {
        var from = LowerBound(sorted, prefix);
        var to = LowerBound(sorted, prefix + SearchText.Upper);
        return (from, to);
    }

    private static int LowerBound(string[] sorted, string value)
    {
        int low = 0, high = sorted.Length;
        while (low < high)
        {
            var mid = (low + high) >>> 1;
            if (string.CompareOrdinal(sorted[mid], value) < 0)
            {
                low = mid + 1;
            }
            else
            {
                high = mid;
            }
        }

        return low;
    }

    private static T ReadResource<T>(string file, Func<TextReader, T> read)
    {
        var name = $"HealthCore.Clinical.Terminology.{file}";
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The embedded resource {name} is missing from the build.");
        using var reader = new StreamReader(stream);
        return read(reader);
    }

    private sealed record Entry(string Compact, Icd10Code Code, string[] Words);

    /// <summary>How well a description matches: whole-word matches, starts with the first term, fewer words, code order.</summary>
    private readonly record struct Rank(int Exact, bool Leading, int Length, int Index)
    {
        public static readonly IComparer<Rank> WorstFirst = Comparer<Rank>.Create((a, b) => b.CompareBetter(a));

        // Negative when this ranks before (is better than) the other.
        private int CompareBetter(Rank other) =>
            Exact != other.Exact ? other.Exact.CompareTo(Exact)
            : Leading != other.Leading ? other.Leading.CompareTo(Leading)
            : Length != other.Length ? Length.CompareTo(other.Length)
            : Index.CompareTo(other.Index);
    }
}
