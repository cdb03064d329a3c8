using HealthCore.Modules.Laboratory;

namespace HealthCore.Tests.Modules.Laboratory;

public sealed class CatalogRulesTests
{
    [Theory]
    [InlineData("2823-3", true)]
    [InlineData("58410-2", true)]
    [InlineData("2823-4", false)]
    [InlineData("2832-3", false)]
    [InlineData("COAG", true)]
    [InlineData("local.k_1", true)]
    [InlineData("-K", false)]
    [InlineData("K K", false)]
    public void Codes_are_LOINC_with_their_check_digit_or_local_codes(string code, bool valid) => LabCodes.IsValid(code).ShouldBe(valid);

    [Theory]
    [InlineData("mmol/L")]
    [InlineData("10*9/L")]
    [InlineData("m[IU]/L")]
    [InlineData("{INR}")]
    [InlineData("[pH]")]
    [InlineData("mL/min/{1.73_m2}")]
    [InlineData("%")]
    [InlineData("1")]
    [InlineData("/min")]
    public void UCUM_units_pass_the_sanity_check(string unit) => UcumUnits.Check(unit).ShouldBeNull();

    [Theory]
    [InlineData("mmol / L", "No spaces")]
    [InlineData("mcg/dL", "'ug'")]
    [InlineData("IU/L", "'[IU]'")]
    [InlineData("mIU/L", "'m[IU]'")]
    [InlineData("m[IU/L", "closed")]
    [InlineData("mg//dL", "both sides")]
    [InlineData("mg/", "both sides")]
    [InlineData("{a{b}}", "nest")]
    public void Malformed_units_are_rejected_with_the_reason(string unit, string reason) => UcumUnits.Check(unit)!.ShouldContain(reason);

    [Fact]
    public void A_panel_that_reaches_itself_through_a_nested_panel_is_a_cycle_named_in_full()
    {
        var graph = PanelGraph.Of([Panel("A", "B", "K"), Panel("B", "C"), Panel("C", "NA"), Test("K"), Test("NA")]);
        graph.Set("C", LabTestKind.Panel, ["NA", "A"]);
        var errors = new FieldErrorList();

        graph.Check([("C", "")], errors);

        errors.ToDictionary()["members"].ShouldBe(["Panels cannot contain themselves: C → A → B → C."]);
    }

    [Fact]
    public void Panels_expand_into_their_tests_in_member_order_without_repeats()
    {
        var graph = PanelGraph.Of([Panel("CMP", "BMP", "ALB", "K"), Panel("BMP", "NA", "K"), Test("NA"), Test("K"), Test("ALB")]);

        graph.Expand("CMP").ShouldBe(["NA", "K", "ALB"]);
        graph.Expand("K").ShouldBe(["K"]);
        graph.Expand("missing").ShouldBeEmpty();
    }

    [Fact]
    public void Members_missing_from_the_catalogue_are_named_by_position()
    {
        var graph = PanelGraph.Of([Panel("P", "K", "X"), Test("K")]);
        var errors = new FieldErrorList();

        graph.Check([("P", "tests[2].")], errors);

        errors.ToDictionary().Keys.ShouldBe(["tests[2].members[1]"]);
    }

    private static LabTest Panel(string code, params string[] members) => new() { Code = code, Kind = LabTestKind.Panel, Members = members };

    private static LabTest Test(string code) => new() { Code = code, Kind = LabTestKind.Test };
}
