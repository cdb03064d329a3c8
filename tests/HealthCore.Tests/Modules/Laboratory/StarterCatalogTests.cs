using HealthCore.Modules.Laboratory;
using HealthCore.Modules.Laboratory.Contracts;

namespace HealthCore.Tests.Modules.Laboratory;

/// <summary>The shipped starter catalogue: valid by the import rules, coded as the issue lists, with the critical limits it promises.</summary>
public sealed class StarterCatalogTests
{
    private static readonly LabTestInput[] Tests = StarterCatalog.Shipped.Tests!;

    [Fact]
    public void Every_definition_of_the_shipped_file_passes_the_rules_the_import_applies()
    {
        var errors = new FieldErrorList();
        foreach (var (test, i) in Tests.Select((t, i) => (t, i)))
        {
            LabTestRules.Validate(test, $"tests[{i}].", errors);
        }

        var graph = PanelGraph.Of(Tests.Select(t => new LabTest { Code = t.Code!, Kind = t.Kind!.Value, Members = t.Members ?? [] }));
        graph.Check(Tests.Where(t => t.Kind == LabTestKind.Panel).Select(t => (t.Code!, t.Code!)), errors);

        errors.ToDictionary().ShouldBeEmpty();
        StarterCatalog.Shipped.Format.ShouldBe(LabCatalogFile.CurrentFormat);
        Tests.Select(t => t.Code).ShouldBeUnique();
        Tests.Where(t => LabCodes.LooksLikeLoinc(t.Code!)).ShouldAllBe(t => LabCodes.HasLoincCheckDigit(t.Code!));
        StarterCatalog.Shipped.Sources.ShouldNotBeEmpty();
    }

    [Theory]
    [InlineData("58410-2", "6690-2", "718-7", "777-3")]
    [InlineData("51990-0", "2345-7", "2951-2", "2823-3", "2160-0")]
    [InlineData("24323-8", "2823-3", "1751-7", "1742-6")]
    [InlineData("57698-3", "2093-3", "2085-9", "2571-8", "18262-6")]
    [InlineData("24325-3", "1975-2", "1968-7", "6768-6")]
    [InlineData("COAG", "5902-2", "6301-6", "14979-9")]
    [InlineData("24356-8", "5804-0", "5802-4")]
    public void The_starter_panels_hold_their_member_tests(string panel, params string[] members)
    {
        var definition = Tests.Single(t => t.Code == panel);

        definition.Kind.ShouldBe(LabTestKind.Panel);
        members.ShouldBeSubsetOf(definition.Members!);
    }

    [Theory]
    [InlineData("4548-4")]
    [InlineData("3016-3")]
    [InlineData("89579-7")]
    [InlineData("600-7")]
    public void The_single_tests_the_issue_names_are_shipped(string code) => Tests.ShouldContain(t => t.Code == code && t.Kind == LabTestKind.Test);

    [Theory]
    [InlineData("2823-3", 2.8, 6.2)]
    [InlineData("2951-2", 120, 160)]
    [InlineData("2345-7", 45, 450)]
    [InlineData("718-7", 70, 200)]
    [InlineData("777-3", 20, 1000)]
    public void Adult_critical_limits_are_the_published_ones(string code, double criticalLow, double criticalHigh)
    {
        var range = Adult(code, LabPatientSex.Female);

        range.CriticalLow.ShouldBe((decimal)criticalLow);
        range.CriticalHigh.ShouldBe((decimal)criticalHigh);
    }

    [Fact]
    public void An_INR_above_5_is_critical_and_troponin_above_the_sex_specific_99th_percentile_is_high()
    {
        var inr = Adult("6301-6", LabPatientSex.Male).ToContract("6301-6", "{INR}");
        inr.Interpret(5.0m).ShouldBe(LabInterpretation.High);
        inr.Interpret(5.1m).ShouldBe(LabInterpretation.CriticalHigh);

        Adult("89579-7", LabPatientSex.Female).High.ShouldBe(16);
        Adult("89579-7", LabPatientSex.Male).High.ShouldBe(34);
        Adult("89579-7", LabPatientSex.Unknown).High.ShouldBe(26);
    }

    [Fact]
    public void Tests_have_child_ranges_where_children_differ()
    {
        var child = new LabPatient(LabPatientSex.Male, new DateOnly(2020, 1, 1));
        var at = new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);

        ReferenceRanges.Select(Ranges("6768-6"), child, at)!.High.ShouldBe(390, "growing bones: a child's ALP is high by adult ranges");
        ReferenceRanges.Select(Ranges("718-7"), child, at)!.Low.ShouldBe(110);
    }

    private static ReferenceRange[] Ranges(string code)
    {
        var test = new LabTest { Code = code };
        LabTestRules.Apply(test, Tests.Single(t => t.Code == code), DateTimeOffset.UnixEpoch);
        return test.Ranges;
    }

    private static ReferenceRange Adult(string code, LabPatientSex sex) =>
        ReferenceRanges.Select(Ranges(code), new LabPatient(sex, new DateOnly(1980, 5, 5)), new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero))!;
}
