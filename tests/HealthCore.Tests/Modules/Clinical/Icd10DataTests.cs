using System.Text.RegularExpressions;
using HealthCore.Modules.Clinical;

namespace HealthCore.Tests.Modules.Clinical;

public sealed partial class Icd10DataTests
{
    private static readonly Icd10Catalog Catalog = Icd10Catalog.Shipped;

    [GeneratedRegex("^[A-Z][0-9][0-9A-Z](\\.[0-9A-Z]{1,4})?$")]
    private static partial Regex DottedCode();

    [Fact]
    public void The_structure_has_the_22_chapters_of_ICD_10_CM_in_order_and_every_block_lies_in_one()
    {
        var chapters = Catalog.Structure.Chapters;

        chapters.Select(c => c.Number).ShouldBe(Enumerable.Range(1, 22));
        chapters.Single(c => c.Number == 4).Range.ShouldBe("E00-E89");
        chapters.Single(c => c.Number == 22).Range.ShouldBe("U00-U85");
        Catalog.Structure.Blocks.Count.ShouldBeInRange(250, 300);
        Catalog.Structure.Blocks.Select(b => b.Id).ShouldBeUnique();
        foreach (var block in Catalog.Structure.Blocks)
        {
            chapters.Where(c => InChapter(block.First, c) && InChapter(block.Last, c)).ShouldHaveSingleItem().ShouldBe(block.Chapter);
        }
    }

    [Fact]
    public void Every_shipped_code_is_well_formed_unique_and_in_exactly_one_block_and_one_chapter()
    {
        var codes = Catalog.Codes.ToList();

        codes.Count.ShouldBeInRange(2000, 5000);
        codes.Select(c => c.Code).ShouldBeUnique();
        foreach (var code in codes)
        {
            DottedCode().IsMatch(code.Code).ShouldBeTrue(code.Code);
            code.Display.ShouldNotBeNullOrWhiteSpace(code.Code);
            var category = code.Code[..3];
            Catalog.Structure.Blocks.Where(b => b.Contains(category)).ShouldHaveSingleItem(code.Code).ShouldBe(code.Block);
            Catalog.Structure.Chapters.Where(c => InChapter(category, c)).ShouldHaveSingleItem(code.Code).ShouldBe(code.Chapter);
        }
    }

    [Fact]
    public void Every_chapter_has_shipped_codes()
    {
        var perChapter = Catalog.Codes.GroupBy(c => c.Chapter.Number).ToDictionary(g => g.Key, g => g.Count());

        foreach (var chapter in Catalog.Structure.Chapters)
        {
            perChapter.GetValueOrDefault(chapter.Number).ShouldBeGreaterThan(0, $"chapter {chapter.Number} {chapter.Range}");
        }
    }

    [Theory]
    [InlineData("C76", "C76-C80")]
    [InlineData("C7A", "C7A-C7A")]
    [InlineData("C4A", "C43-C44")]
    [InlineData("D3A", "D3A-D3A")]
    [InlineData("D37", "D37-D48")]
    [InlineData("I50", "I30-I5A")]
    [InlineData("I5A", "I30-I5A")]
    [InlineData("M1A", "M05-M14")]
    [InlineData("O9A", "O94-O9A")]
    [InlineData("Z3A", "Z30-Z39")]
    [InlineData("U07", "U00-U49")]
    public void A_category_with_a_letter_in_third_place_belongs_to_the_block_the_classification_puts_it_in(string category, string block) =>
        Catalog.Structure.BlockOf(category).ShouldNotBeNull().Id.ShouldBe(block);

    [Theory]
    [InlineData("A10")]
    [InlineData("C42")]
    [InlineData("U99")]
    public void A_category_the_classification_does_not_have_lies_in_no_block(string category) =>
        Catalog.Structure.BlockOf(category).ShouldBeNull();

    private static bool InChapter(string category, Icd10Chapter chapter) =>
        string.CompareOrdinal(chapter.First, category) <= 0 && string.CompareOrdinal(category, chapter.Last) <= 0;
}
