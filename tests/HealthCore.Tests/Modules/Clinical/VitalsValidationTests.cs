using HealthCore.Modules.Clinical;

namespace HealthCore.Tests.Modules.Clinical;

public sealed class VitalsValidationTests
{
    [Fact]
    public void A_heart_rate_of_900_is_rejected_naming_the_field_and_the_rule()
    {
        var check = VitalsValidation.Check(new VitalsSet(HeartRate: 900));

        check.IsValid.ShouldBeFalse();
        check.Errors.Keys.ShouldBe(["heartRate"]);
        check.Errors["heartRate"].ShouldBe(["Must be between 0 and 300 /min; a value outside is not physiologically possible."]);
        check.Readings.ShouldBeEmpty();
        check.News2.ShouldBeNull();
    }

    [Fact]
    public void Every_implausible_value_of_a_set_is_reported_under_its_own_field()
    {
        var check = VitalsValidation.Check(new VitalsSet(Temperature: 98.6m, RespiratoryRate: 160, OxygenSaturation: 101, PainScore: 12, Height: 1.75m, BloodGlucose: 0));

        check.Errors.Keys.ShouldBe(["temperature", "respiratoryRate", "oxygenSaturation", "painScore", "height", "bloodGlucose"], ignoreOrder: true);
    }

    [Fact]
    public void A_diastolic_pressure_not_below_the_systolic_is_rejected()
    {
        VitalsValidation.Check(new VitalsSet(SystolicBloodPressure: 120, DiastolicBloodPressure: 120)).Errors
            .ShouldBeErrors(("diastolicBloodPressure", "Must be lower than systolicBloodPressure."));
        VitalsValidation.Check(new VitalsSet(SystolicBloodPressure: 120, DiastolicBloodPressure: 119)).IsValid.ShouldBeTrue();
    }

    [Fact]
    public void A_systolic_pressure_alone_is_a_valid_reading()
    {
        VitalsValidation.Check(new VitalsSet(SystolicBloodPressure: 85)).Readings
            .ShouldHaveSingleItem().Interpretation.ShouldBe(Interpretation.CriticalLow);
    }

    [Fact]
    public void Values_outside_the_normal_range_are_accepted_and_flagged()
    {
        var check = VitalsValidation.Check(new VitalsSet(HeartRate: 135, Temperature: 38.5m, BloodGlucose: 5.5m));

        check.IsValid.ShouldBeTrue();
        check.Readings.ToDictionary(r => r.Definition.Sign, r => r.Interpretation).ShouldBe(new Dictionary<VitalSign, Interpretation?>
        {
            [VitalSign.HeartRate] = Interpretation.CriticalHigh,
            [VitalSign.BodyTemperature] = Interpretation.High,
            [VitalSign.BloodGlucose] = Interpretation.Normal,
        }, ignoreOrder: true);
    }

    [Theory]
    [InlineData(83, "LL"), InlineData(84, "L"), InlineData(87, "L"), InlineData(88, "N"), InlineData(92, "N"), InlineData(97, "N")]
    public void On_scale_2_saturation_is_flagged_against_the_prescribed_88_to_92_target(int percent, string interpretation)
    {
        var reading = VitalsValidation.Check(new VitalsSet(OxygenSaturation: percent, SpO2Scale: SpO2Scale.Scale2)).Readings.ShouldHaveSingleItem();

        reading.Interpretation.ShouldNotBeNull().Code().ShouldBe(interpretation);
    }

    [Fact]
    public void On_scale_1_the_same_saturation_of_90_is_critical()
    {
        VitalsValidation.Check(new VitalsSet(OxygenSaturation: 90)).Readings.ShouldHaveSingleItem()
            .Interpretation.ShouldBe(Interpretation.CriticalLow);
    }

    [Theory]
    [InlineData("180.0", "81", "25.0", "H")]
    [InlineData("175.0", "70", "22.9", "N")]
    [InlineData("160.0", "40.5", "15.8", "LL")]
    [InlineData("165.0", "120", "44.1", "HH")]
    public void BMI_is_derived_from_height_and_weight_to_one_decimal_and_flagged(string height, string weight, string bmi, string interpretation)
    {
        var check = VitalsValidation.Check(new VitalsSet(Height: VitalSignCatalogTests.Decimal(height), Weight: VitalSignCatalogTests.Decimal(weight)));

        var reading = check.Readings.Single(r => r.Definition.Sign == VitalSign.BodyMassIndex);
        reading.Value.ShouldBe(VitalSignCatalogTests.Decimal(bmi));
        reading.Interpretation.ShouldNotBeNull().Code().ShouldBe(interpretation);
        reading.Definition.Loinc.ShouldBe("39156-5");
    }

    [Fact]
    public void No_BMI_without_both_height_and_weight()
    {
        VitalsValidation.Check(new VitalsSet(Weight: 70)).Readings.ShouldNotContain(r => r.Definition.Sign == VitalSign.BodyMassIndex);
        VitalsValidation.Check(new VitalsSet(Height: 170)).Readings.ShouldNotContain(r => r.Definition.Sign == VitalSign.BodyMassIndex);
    }

    [Fact]
    public void A_height_and_weight_giving_an_impossible_BMI_are_rejected_on_the_weight()
    {
        var check = VitalsValidation.Check(new VitalsSet(Height: 250, Weight: 2));

        check.Errors.Keys.ShouldBe(["weight"]);
        check.Errors["weight"].ShouldHaveSingleItem().ShouldContain("BMI of 0.3 kg/m2");
    }

    [Fact]
    public void A_complete_valid_set_is_scored_with_NEWS2()
    {
        var check = VitalsValidation.Check(new VitalsSet(Temperature: 38.2m, HeartRate: 112, RespiratoryRate: 22, SystolicBloodPressure: 105,
            DiastolicBloodPressure: 60, OxygenSaturation: 95, OnSupplementalOxygen: true, Consciousness: Consciousness.Alert, PainScore: 2,
            Height: 170, Weight: 70, BloodGlucose: 6.1m));

        check.IsValid.ShouldBeTrue();
        check.Readings.Count.ShouldBe(11);
        var news2 = check.News2.ShouldNotBeNull();
        news2.IsComplete.ShouldBeTrue();
        news2.Aggregate.ShouldBe(1 + 2 + 2 + 1 + 2 + 0 + 1);
        news2.Risk.ShouldBe(News2Risk.High);
        news2.RaisesAlert.ShouldBeTrue();
    }

    [Fact]
    public void A_set_without_the_NEWS2_parameters_is_scored_as_incomplete()
    {
        var news2 = VitalsValidation.Check(new VitalsSet(Height: 170, Weight: 70)).News2.ShouldNotBeNull();

        news2.IsComplete.ShouldBeFalse();
        news2.Aggregate.ShouldBeNull();
    }
}
