using System.Globalization;
using HealthCore.Modules.Clinical;

namespace HealthCore.Tests.Modules.Clinical;

public sealed class VitalSignCatalogTests
{
    [Theory]
    [InlineData("BodyTemperature", "temperature", "8310-5", "Cel")]
    [InlineData("HeartRate", "heartRate", "8867-4", "/min")]
    [InlineData("RespiratoryRate", "respiratoryRate", "9279-1", "/min")]
    [InlineData("SystolicBloodPressure", "systolicBloodPressure", "8480-6", "mm[Hg]")]
    [InlineData("DiastolicBloodPressure", "diastolicBloodPressure", "8462-4", "mm[Hg]")]
    [InlineData("OxygenSaturation", "oxygenSaturation", "59408-5", "%")]
    [InlineData("PainScore", "painScore", "72514-3", "{score}")]
    [InlineData("BodyHeight", "height", "8302-2", "cm")]
    [InlineData("BodyWeight", "weight", "29463-7", "kg")]
    [InlineData("BodyMassIndex", "bmi", "39156-5", "kg/m2")]
    [InlineData("BloodGlucose", "bloodGlucose", "15074-8", "mmol/L")]
    public void Every_sign_carries_its_field_LOINC_code_and_UCUM_unit(string sign, string field, string loinc, string unit)
    {
        var definition = VitalSignCatalog.Of(Enum.Parse<VitalSign>(sign));

        (definition.Field, definition.Loinc, definition.Unit).ShouldBe((field, loinc, unit));
    }

    [Fact]
    public void The_catalog_has_every_sign_once()
    {
        VitalSignCatalog.All.Select(definition => definition.Sign).ShouldBe(Enum.GetValues<VitalSign>(), ignoreOrder: true);
        VitalSignCatalog.All.Select(definition => definition.Field).Distinct().Count().ShouldBe(VitalSignCatalog.All.Count);
    }

    [Fact]
    public void Every_reference_range_lies_inside_the_plausible_range()
    {
        foreach (var definition in VitalSignCatalog.All.Where(definition => definition.Reference is not null))
        {
            var reference = definition.Reference!;
            definition.Plausible.Contains(reference.Normal.Min).ShouldBeTrue(definition.Field);
            definition.Plausible.Contains(reference.Normal.Max).ShouldBeTrue(definition.Field);
            (reference.CriticalLow is null || reference.CriticalLow < reference.Normal.Min).ShouldBeTrue(definition.Field);
            (reference.CriticalHigh is null || reference.CriticalHigh > reference.Normal.Max).ShouldBeTrue(definition.Field);
        }
    }

    [Theory]
    [InlineData("BodyTemperature", "10.0", "47.0", "9.9", "47.1")]
    [InlineData("HeartRate", "0", "300", "-1", "301")]
    [InlineData("RespiratoryRate", "0", "100", "-1", "101")]
    [InlineData("SystolicBloodPressure", "20", "300", "19", "301")]
    [InlineData("DiastolicBloodPressure", "10", "200", "9", "201")]
    [InlineData("OxygenSaturation", "50", "100", "49", "101")]
    [InlineData("PainScore", "0", "10", "-1", "11")]
    [InlineData("BodyHeight", "20.0", "280.0", "19.9", "280.1")]
    [InlineData("BodyWeight", "0.2", "700", "0.199", "700.001")]
    [InlineData("BloodGlucose", "0.5", "150", "0.4", "150.1")]
    public void Values_at_the_plausible_limits_are_accepted_and_just_beyond_rejected_naming_the_rule(
        string sign, string lowest, string highest, string below, string above)
    {
        var definition = VitalSignCatalog.Of(Enum.Parse<VitalSign>(sign));

        definition.Problem(Decimal(lowest)).ShouldBeNull();
        definition.Problem(Decimal(highest)).ShouldBeNull();
        definition.Problem(Decimal(below)).ShouldBe(
            $"Must be between {definition.Plausible.Min} and {definition.Plausible.Max} {definition.Unit}; a value outside is not physiologically possible.");
        definition.Problem(Decimal(above)).ShouldNotBeNull().ShouldStartWith("Must be between");
    }

    [Theory]
    [InlineData("HeartRate", "72.5", "Must be a whole number.")]
    [InlineData("PainScore", "3.5", "Must be a whole number.")]
    [InlineData("BodyTemperature", "37.25", "Must have at most 1 decimal place.")]
    [InlineData("BodyWeight", "70.0005", "Must have at most 3 decimal places.")]
    public void Values_more_precise_than_the_sign_is_recorded_with_are_rejected(string sign, string value, string message) =>
        VitalSignCatalog.Of(Enum.Parse<VitalSign>(sign)).Problem(Decimal(value)).ShouldBe(message);

    [Theory]
    [InlineData("BodyTemperature", "34.9", "LL"), InlineData("BodyTemperature", "35.0", "LL"), InlineData("BodyTemperature", "35.1", "L")]
    [InlineData("BodyTemperature", "36.0", "L"), InlineData("BodyTemperature", "36.1", "N"), InlineData("BodyTemperature", "38.0", "N")]
    [InlineData("BodyTemperature", "38.1", "H"), InlineData("BodyTemperature", "41.0", "H")]
    [InlineData("HeartRate", "40", "LL"), InlineData("HeartRate", "41", "L"), InlineData("HeartRate", "50", "L"), InlineData("HeartRate", "51", "N")]
    [InlineData("HeartRate", "90", "N"), InlineData("HeartRate", "91", "H"), InlineData("HeartRate", "130", "H"), InlineData("HeartRate", "131", "HH")]
    [InlineData("RespiratoryRate", "8", "LL"), InlineData("RespiratoryRate", "9", "L"), InlineData("RespiratoryRate", "11", "L")]
    [InlineData("RespiratoryRate", "12", "N"), InlineData("RespiratoryRate", "20", "N"), InlineData("RespiratoryRate", "21", "H")]
    [InlineData("RespiratoryRate", "24", "H"), InlineData("RespiratoryRate", "25", "HH")]
    [InlineData("SystolicBloodPressure", "90", "LL"), InlineData("SystolicBloodPressure", "91", "L"), InlineData("SystolicBloodPressure", "110", "L")]
    [InlineData("SystolicBloodPressure", "111", "N"), InlineData("SystolicBloodPressure", "139", "N"), InlineData("SystolicBloodPressure", "140", "H")]
    [InlineData("SystolicBloodPressure", "179", "H"), InlineData("SystolicBloodPressure", "180", "HH")]
    [InlineData("DiastolicBloodPressure", "40", "L"), InlineData("DiastolicBloodPressure", "59", "L"), InlineData("DiastolicBloodPressure", "60", "N")]
    [InlineData("DiastolicBloodPressure", "89", "N"), InlineData("DiastolicBloodPressure", "90", "H"), InlineData("DiastolicBloodPressure", "119", "H")]
    [InlineData("DiastolicBloodPressure", "120", "HH")]
    [InlineData("OxygenSaturation", "91", "LL"), InlineData("OxygenSaturation", "92", "L"), InlineData("OxygenSaturation", "95", "L")]
    [InlineData("OxygenSaturation", "96", "N"), InlineData("OxygenSaturation", "100", "N")]
    [InlineData("PainScore", "0", "N"), InlineData("PainScore", "4", "N"), InlineData("PainScore", "5", "H"), InlineData("PainScore", "6", "H")]
    [InlineData("PainScore", "7", "HH"), InlineData("PainScore", "10", "HH")]
    [InlineData("BodyMassIndex", "15.9", "LL"), InlineData("BodyMassIndex", "16.0", "L"), InlineData("BodyMassIndex", "18.4", "L")]
    [InlineData("BodyMassIndex", "18.5", "N"), InlineData("BodyMassIndex", "24.9", "N"), InlineData("BodyMassIndex", "25.0", "H")]
    [InlineData("BodyMassIndex", "39.9", "H"), InlineData("BodyMassIndex", "40.0", "HH")]
    [InlineData("BloodGlucose", "2.9", "LL"), InlineData("BloodGlucose", "3.0", "L"), InlineData("BloodGlucose", "3.9", "L")]
    [InlineData("BloodGlucose", "4.0", "N"), InlineData("BloodGlucose", "11.0", "N"), InlineData("BloodGlucose", "11.1", "H")]
    [InlineData("BloodGlucose", "24.9", "H"), InlineData("BloodGlucose", "25.0", "HH")]
    public void Values_are_flagged_against_the_reference_range_at_each_edge(string sign, string value, string interpretation) =>
        VitalSignCatalog.Of(Enum.Parse<VitalSign>(sign)).Interpret(Decimal(value)).ShouldNotBeNull().Code().ShouldBe(interpretation);

    [Theory]
    [InlineData("BodyHeight", "170.0"), InlineData("BodyWeight", "70")]
    public void Height_and_weight_have_no_reference_range_and_are_not_flagged(string sign, string value) =>
        VitalSignCatalog.Of(Enum.Parse<VitalSign>(sign)).Interpret(Decimal(value)).ShouldBeNull();

    [Fact]
    public void Interpretation_codes_are_FHIRs_v3_ObservationInterpretation_codes()
    {
        InterpretationCodes.System.ShouldBe("http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation");
        Enum.GetValues<Interpretation>().Select(i => i.Code()).ShouldBe(["N", "L", "H", "LL", "HH"]);
    }

    internal static decimal Decimal(string text) => decimal.Parse(text, CultureInfo.InvariantCulture);
}
