using System.Globalization;

namespace HealthCore.Modules.Clinical;

/// <summary>A chapter of ICD-10-CM, e.g. 4, E00-E89, "Endocrine, nutritional and metabolic diseases".</summary>
internal sealed record Icd10Chapter(int Number, string First, string Last, string Title)
{
    public string Range => $"{First}-{Last}";
}

/// <summary>A block (section) of ICD-10-CM, e.g. E08-E13 "Diabetes mellitus", in its chapter.</summary>
internal sealed record Icd10Block(string Id, string First, string Last, string Title, IReadOnlyList<string> AlsoContains, Icd10Chapter Chapter)
{
    /// <summary>
    /// Whether a three-character category (E11, C4A) lies in this block. Numeric categories lie in their range; a
    /// category with a letter in third place sorts between the numbers (C7A after C79), so it belongs only to a block
    /// it bounds (C7A-C7A, I30-I5A) or that names it (C43-C44 also holds C4A).
    /// </summary>
    public bool Contains(string category)
    {
        if (AlsoContains.Contains(category, StringComparer.Ordinal))
        {
            return true;
        }

        if (!char.IsAsciiDigit(category[2]))
        {
            return category == First || category == Last;
        }

        return string.CompareOrdinal(First, category) <= 0 && string.CompareOrdinal(category, Last) <= 0;
    }
}

/// <summary>
/// The chapters and blocks of ICD-10-CM, read from the tab-separated structure file (see docs/terminology.md). Every
/// category lies in at most one block and one chapter; a code list is checked against it when it is loaded.
/// </summary>
internal sealed class Icd10Structure
{
    private readonly Dictionary<string, Icd10Block?> _blockOfCategory = new(StringComparer.Ordinal);

    private Icd10Structure(IReadOnlyList<Icd10Chapter> chapters, IReadOnlyList<Icd10Block> blocks)
    {
        Chapters = chapters;
        Blocks = blocks;
    }

    public IReadOnlyList<Icd10Chapter> Chapters { get; }

    public IReadOnlyList<Icd10Block> Blocks { get; }

    /// <summary>The block of a category (E11), or null when the classification has no block for it.</summary>
    public Icd10Block? BlockOf(string category)
    {
        lock (_blockOfCategory)
        {
            if (!_blockOfCategory.TryGetValue(category, out var block))
            {
                var matches = Blocks.Where(b => b.Contains(category)).Take(2).ToList();
                block = matches.Count == 1 ? matches[0] : null;
                _blockOfCategory[category] = block;
            }

            return block;
        }
    }

    public static Icd10Structure Load(TextReader reader)
    {
        var chapters = new List<Icd10Chapter>();
        var blocks = new List<Icd10Block>();
        foreach (var (number, fields) in Icd10Tsv.Rows(reader, "ICD-10 structure"))
        {
            switch (fields)
            {
                case ["chapter", var id, var first, var last, var title] when int.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var chapterNumber):
                    chapters.Add(new Icd10Chapter(chapterNumber, Category(first, number), Category(last, number), title));
                    break;
                case ["block", var id, var first, var last, var title, .. var rest] when rest.Length <= 1:
                    var from = Category(first, number);
                    var to = Category(last, number);
                    var chapter = chapters.SingleOrDefault(c => string.CompareOrdinal(c.First, from) <= 0 && string.CompareOrdinal(to, c.Last) <= 0)
                        ?? throw Icd10Tsv.Error("ICD-10 structure", number, $"block {id} lies in no single chapter");
                    var also = rest.Length == 0 ? [] : rest[0].Split(',').Select(c => Category(c, number)).ToArray();
                    blocks.Add(new Icd10Block(id, from, to, title, also, chapter));
                    break;
                default:
                    throw Icd10Tsv.Error("ICD-10 structure", number, "expected 'chapter, number, first, last, title' or 'block, id, first, last, title[, also]'");
            }
        }

        return new Icd10Structure(chapters, blocks);
    }

    private static string Category(string text, int line) =>
        Icd10CodeFormat.Compact(text) is { Length: Icd10CodeFormat.CategoryLength } category
            ? category
            : throw Icd10Tsv.Error("ICD-10 structure", line, $"'{text}' is not a three-character category");
}
