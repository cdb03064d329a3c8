using System.IO.Compression;
using HealthCore.Modules.Clinical;
using Microsoft.Extensions.Configuration;

namespace HealthCore.Tests.Modules.Clinical;

public sealed class Icd10CatalogTests
{
    private static readonly Icd10Catalog Catalog = Icd10Catalog.Shipped;

    [Theory]
    [InlineData("E11.9")]
    [InlineData("e119")]
    [InlineData("E119")]
    [InlineData(" e11.9 ")]
    public void A_code_is_found_with_or_without_its_dot_in_any_case(string code)
    {
        var found = Catalog.Find(code).ShouldNotBeNull();

        found.Code.ShouldBe("E11.9");
        found.Display.ShouldBe("Type 2 diabetes mellitus without complications");
        found.Block.Id.ShouldBe("E08-E13");
        found.Block.Title.ShouldBe("Diabetes mellitus");
        found.Chapter.Number.ShouldBe(4);
        Catalog.IsValid(code).ShouldBeTrue();
    }

    [Theory]
    [InlineData("E11")] // a category, not a codable diagnosis
    [InlineData("E11.")]
    [InlineData("E1.19")]
    [InlineData("E11.9.")]
    [InlineData("119")]
    [InlineData("E11.99")] // well formed, not in the list
    [InlineData("S72.001AB")]
    [InlineData("")]
    [InlineData(null)]
    public void Anything_else_is_not_a_valid_code(string? code)
    {
        Catalog.Find(code).ShouldBeNull();
        Catalog.IsValid(code).ShouldBeFalse();
    }

    [Fact]
    public void A_code_of_a_letter_category_sits_in_the_block_the_classification_files_it_under()
    {
        var merkel = Catalog.Find("c4a9").ShouldNotBeNull();

        merkel.Code.ShouldBe("C4A.9");
        merkel.Block.Id.ShouldBe("C43-C44");
        Catalog.Find("I5A").ShouldNotBeNull().Block.Id.ShouldBe("I30-I5A");
    }

    [Fact]
    public void Seven_character_codes_keep_their_letters()
    {
        Icd10CodeFormat.Compact("s00.03xa").ShouldBe("S0003XA");
        Catalog.Find("S0003XA").ShouldNotBeNull().Code.ShouldBe("S00.03XA");
    }

    [Fact]
    public void A_category_query_lists_its_codes_in_code_order()
    {
        var results = Catalog.Search("E11", 10);

        results.Count.ShouldBe(10);
        results.ShouldAllBe(c => c.Code.StartsWith("E11.", StringComparison.Ordinal));
        results.Select(c => c.Code).ShouldBeInOrder(SortDirection.Ascending, StringComparer.Ordinal);
    }

    [Fact]
    public void An_exact_code_comes_first()
    {
        Catalog.Search("e11.6", 5).Select(c => c.Code).ShouldBe(["E11.610", "E11.618", "E11.620", "E11.621", "E11.622"]);
        Catalog.Search("j189", 5)[0].Code.ShouldBe("J18.9");
    }

    [Fact]
    public void Words_find_a_diagnosis_in_any_order()
    {
        Catalog.Search("diabetes type 2", 20).Select(c => c.Code).ShouldContain("E11.9");
        Catalog.Search("tuberculosis lung", 5).Select(c => c.Code).ShouldContain("A15.0");
    }

    [Fact]
    public void The_plain_diagnosis_ranks_before_its_qualified_variants()
    {
        var results = Catalog.Search("pneumonia", 10);

        results[0].Code.ShouldBe("J18.9");
        results.ShouldAllBe(c => c.Display.Contains("pneumonia", StringComparison.OrdinalIgnoreCase));
    }

    [Theory]
    [InlineData("PNEUMONÍA")]
    [InlineData("pneum unspec")]
    [InlineData("Unspecified pneumonia")]
    public void Query_words_match_as_word_beginnings_ignoring_case_and_accents(string query) =>
        Catalog.Search(query, 20).Select(c => c.Code).ShouldContain("J18.9");

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("xqzzv")]
    public void A_query_that_matches_nothing_finds_nothing(string query) => Catalog.Search(query, 20).ShouldBeEmpty();

    [Fact]
    public void Search_returns_at_most_the_limit() => Catalog.Search("a", 7).Count.ShouldBe(7);

    [Fact]
    public void A_licensed_list_replaces_the_shipped_one()
    {
        var catalog = Icd10Catalog.Load(new StringReader("# a hospital's list\nE11.9\tType 2 diabetes mellitus without complications\nI10\tEssential (primary) hypertension\n\nN390\tUrinary tract infection, site not specified\n"));

        catalog.Count.ShouldBe(3);
        catalog.Find("i10").ShouldNotBeNull().Block.Id.ShouldBe("I10-I16");
        catalog.Find("N39.0").ShouldNotBeNull().Chapter.Number.ShouldBe(14);
        catalog.IsValid("J18.9").ShouldBeFalse();
        catalog.Search("urinary", 5).ShouldHaveSingleItem().Code.ShouldBe("N39.0");
        Icd10Catalog.Shipped.IsValid("J18.9").ShouldBeTrue();
    }

    [Theory]
    [InlineData("E11.9\tType 2 diabetes mellitus without complications\n\nE11\t\n", 3, "empty")]
    [InlineData("E11.9\tType 2 diabetes mellitus without complications\nI10 Essential (primary) hypertension\n", 2, "code TAB description")]
    [InlineData("# header\nE11.9\tOne\nXYZ.1\tNot a code\n", 3, "'XYZ.1' is not an ICD-10-CM code")]
    [InlineData("E11.9\tOne\ne119\tTwice\n", 2, "E11.9 is listed twice")]
    [InlineData("E11.9\tOne\nA10.0\tNo such category\n", 2, "A10.0 lies in no block")]
    [InlineData("E11.9\tOne\nI10\tHypertension\tan extra column\n", 2, "code TAB description")]
    public void A_malformed_line_of_a_licensed_list_is_rejected_with_its_line_number(string list, int line, string problem)
    {
        var error = Should.Throw<FormatException>(() => Icd10Catalog.Load(new StringReader(list)));

        error.Message.ShouldContain($"line {line}:");
        error.Message.ShouldContain(problem);
    }

    [Fact]
    public void Without_the_setting_the_factory_gives_the_shipped_catalogue() =>
        Icd10CatalogFactory.Create(Configuration(null)).ShouldBeSameAs(Icd10Catalog.Shipped);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void The_setting_names_a_file_that_replaces_the_shipped_list_at_startup(bool gzipped)
    {
        var path = Path.Combine(Path.GetTempPath(), $"icd10-{Guid.NewGuid():N}.tsv" + (gzipped ? ".gz" : ""));
        try
        {
            using (var file = File.Create(path))
            using (var content = gzipped ? new GZipStream(file, CompressionLevel.Fastest) : (Stream)file)
            using (var writer = new StreamWriter(content))
            {
                writer.Write("I10\tEssential (primary) hypertension\nR05.1\tAcute cough\n");
            }

            var catalog = Icd10CatalogFactory.Create(Configuration(path));

            catalog.Count.ShouldBe(2);
            catalog.Find("I10").ShouldNotBeNull().Display.ShouldBe("Essential (primary) hypertension");
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_configured_file_that_is_missing_stops_the_startup()
    {
        var missing = Path.Combine(Path.GetTempPath(), $"icd10-{Guid.NewGuid():N}.tsv");

        Should.Throw<FileNotFoundException>(() => Icd10CatalogFactory.Create(Configuration(missing))).Message.ShouldContain(Icd10CatalogFactory.FileSetting);
    }

    private static IConfiguration Configuration(string? icd10File) =>
        new ConfigurationBuilder().AddInMemoryCollection([new(Icd10CatalogFactory.FileSetting, icd10File)]).Build();
}
