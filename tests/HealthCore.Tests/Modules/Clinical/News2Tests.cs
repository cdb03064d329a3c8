using HealthCore.Modules.Clinical;

namespace HealthCore.Tests.Modules.Clinical;

/// <summary>Against the RCP NEWS2 chart 1 (2017): each band's edges, from both sides.</summary>
public sealed class News2Tests
{
    [Theory]
    [InlineData(0, 3), InlineData(8, 3), InlineData(9, 1), InlineData(11, 1), InlineData(12, 0), InlineData(20, 0)]
    [InlineData(21, 2), InlineData(24, 2), InlineData(25, 3), InlineData(60, 3)]
    public void Respiration_rate_scores_by_the_chart(int perMinute, int score) =>
        News2.RespirationRate(perMinute).ShouldBe(score);

    [Theory]
    [InlineData(50, 3), InlineData(91, 3), InlineData(92, 2), InlineData(93, 2), InlineData(94, 1), InlineData(95, 1)]
    [InlineData(96, 0), InlineData(100, 0)]
    public void SpO2_scale_1_scores_the_same_on_air_and_on_oxygen(int percent, int score)
    {
        News2.OxygenSaturation(percent, SpO2Scale.Scale1, onOxygen: false).ShouldBe(score);
        News2.OxygenSaturation(percent, SpO2Scale.Scale1, onOxygen: true).ShouldBe(score);
    }

    [Theory]
    [InlineData(70, 3), InlineData(83, 3), InlineData(84, 2), InlineData(85, 2), InlineData(86, 1), InlineData(87, 1)]
    [InlineData(88, 0), InlineData(92, 0)]
    public void SpO2_scale_2_up_to_92_scores_the_same_on_air_and_on_oxygen(int percent, int score)
    {
        News2.OxygenSaturation(percent, SpO2Scale.Scale2, onOxygen: false).ShouldBe(score);
        News2.OxygenSaturation(percent, SpO2Scale.Scale2, onOxygen: true).ShouldBe(score);
    }

    [Theory]
    [InlineData(93, false, 0), InlineData(100, false, 0)]
    [InlineData(93, true, 1), InlineData(94, true, 1), InlineData(95, true, 2), InlineData(96, true, 2)]
    [InlineData(97, true, 3), InlineData(100, true, 3)]
    public void SpO2_scale_2_from_93_scores_over_oxygenation_only_on_oxygen(int percent, bool onOxygen, int score) =>
        News2.OxygenSaturation(percent, SpO2Scale.Scale2, onOxygen).ShouldBe(score);

    [Theory]
    [InlineData(92, 0), InlineData(85, 2)]
    public void SpO2_scale_2_up_to_92_needs_no_air_or_oxygen_answer(int percent, int score) =>
        News2.OxygenSaturation(percent, SpO2Scale.Scale2, onOxygen: null).ShouldBe(score);

    [Fact]
    public void SpO2_scale_2_from_93_cannot_be_scored_without_knowing_air_or_oxygen()
    {
        News2.OxygenSaturation(93, SpO2Scale.Scale2, onOxygen: null).ShouldBeNull();
        News2.OxygenSaturation(93, SpO2Scale.Scale1, onOxygen: null).ShouldBe(2);
    }

    [Theory]
    [InlineData(false, 0), InlineData(true, 2)]
    public void Air_scores_0_and_supplemental_oxygen_2(bool onOxygen, int score) =>
        News2.AirOrOxygen(onOxygen).ShouldBe(score);

    [Theory]
    [InlineData(40, 3), InlineData(90, 3), InlineData(91, 2), InlineData(100, 2), InlineData(101, 1), InlineData(110, 1)]
    [InlineData(111, 0), InlineData(219, 0), InlineData(220, 3), InlineData(260, 3)]
    public void Systolic_blood_pressure_scores_by_the_chart(int mmHg, int score) =>
        News2.SystolicBloodPressure(mmHg).ShouldBe(score);

    [Theory]
    [InlineData(20, 3), InlineData(40, 3), InlineData(41, 1), InlineData(50, 1), InlineData(51, 0), InlineData(90, 0)]
    [InlineData(91, 1), InlineData(110, 1), InlineData(111, 2), InlineData(130, 2), InlineData(131, 3), InlineData(180, 3)]
    public void Pulse_scores_by_the_chart(int perMinute, int score) =>
        News2.Pulse(perMinute).ShouldBe(score);

    [Theory]
    [InlineData("Alert", 0), InlineData("NewConfusion", 3), InlineData("Voice", 3), InlineData("Pain", 3), InlineData("Unresponsive", 3)]
    public void Alert_scores_0_and_any_of_CVPU_scores_3(string consciousness, int score) =>
        News2.Consciousness(Enum.Parse<Consciousness>(consciousness)).ShouldBe(score);

    [Theory]
    [InlineData("30.0", 3), InlineData("35.0", 3), InlineData("35.1", 1), InlineData("36.0", 1), InlineData("36.1", 0)]
    [InlineData("38.0", 0), InlineData("38.1", 1), InlineData("39.0", 1), InlineData("39.1", 2), InlineData("42.0", 2)]
    public void Temperature_scores_by_the_chart(string celsius, int score) =>
        News2.Temperature(Decimal(celsius)).ShouldBe(score);

    [Theory]
    [InlineData("35.04", 3), InlineData("35.05", 1), InlineData("36.04", 1), InlineData("36.05", 0)]
    [InlineData("38.04", 0), InlineData("38.05", 1), InlineData("39.04", 1), InlineData("39.05", 2)]
    public void Temperature_between_the_charts_tenths_is_rounded_half_up_as_it_would_be_charted(string celsius, int score) =>
        News2.Temperature(Decimal(celsius)).ShouldBe(score);

    [Theory]
    [InlineData("8.4", 3), InlineData("8.5", 1), InlineData("20.4", 0), InlineData("20.5", 2)]
    public void Respiration_rate_with_decimals_is_rounded_to_whole_breaths(string perMinute, int score) =>
        News2.RespirationRate(Decimal(perMinute)).ShouldBe(score);

    [Theory]
    [InlineData("90.4", 3), InlineData("90.5", 2), InlineData("219.4", 0), InlineData("219.5", 3)]
    public void Systolic_pressure_with_decimals_is_rounded_to_whole_mmHg(string mmHg, int score) =>
        News2.SystolicBloodPressure(Decimal(mmHg)).ShouldBe(score);

    [Theory]
    [InlineData("50.4", 1), InlineData("50.5", 0), InlineData("130.4", 2), InlineData("130.5", 3)]
    public void Pulse_with_decimals_is_rounded_to_whole_beats(string perMinute, int score) =>
        News2.Pulse(Decimal(perMinute)).ShouldBe(score);

    [Theory]
    [InlineData("91.4", 3), InlineData("91.5", 2), InlineData("95.5", 0)]
    public void SpO2_with_decimals_is_rounded_to_whole_percent(string percent, int score) =>
        News2.OxygenSaturation(Decimal(percent), SpO2Scale.Scale1, onOxygen: false).ShouldBe(score);

    // One row a set: RR, SpO2, scale, on oxygen, systolic, pulse, ACVPU, temperature -> aggregate, band, alert.
    [Theory]
    [InlineData(16, 97, 1, false, 120, 70, "Alert", "37.0", 0, "Low", false)]
    [InlineData(21, 97, 1, false, 120, 91, "Alert", "38.1", 4, "Low", false)]
    [InlineData(16, 97, 1, false, 120, 70, "NewConfusion", "37.0", 3, "LowMedium", true)]
    [InlineData(16, 97, 1, false, 90, 91, "Alert", "37.0", 4, "LowMedium", true)]
    [InlineData(21, 97, 1, true, 120, 91, "Alert", "37.0", 5, "Medium", false)]
    [InlineData(21, 97, 1, true, 120, 111, "Alert", "37.0", 6, "Medium", false)]
    [InlineData(25, 97, 1, false, 120, 111, "Alert", "37.0", 5, "Medium", true)]
    [InlineData(21, 97, 1, true, 120, 111, "Alert", "38.1", 7, "High", true)]
    // The chart's highest aggregate: 3 + 3 + 2 + 3 + 3 + 3 + 2 (temperature tops out at 2).
    [InlineData(25, 91, 1, true, 90, 131, "Unresponsive", "39.1", 19, "High", true)]
    [InlineData(16, 89, 2, false, 120, 70, "Alert", "37.0", 0, "Low", false)]
    [InlineData(16, 97, 2, true, 120, 70, "Alert", "37.0", 5, "Medium", true)]
    public void A_complete_set_has_an_aggregate_a_risk_band_and_an_alert_when_high_or_a_single_3(
        int respirationRate, int spo2, int scale, bool onOxygen, int systolic, int pulse, string consciousness, string temperature,
        int aggregate, string risk, bool alert)
    {
        var score = News2.Score(new News2Observations(respirationRate, spo2, (SpO2Scale)scale, onOxygen, systolic, pulse,
            Enum.Parse<Consciousness>(consciousness), Decimal(temperature)));

        score.IsComplete.ShouldBeTrue();
        score.Missing.ShouldBeEmpty();
        score.SubScores.Count.ShouldBe(7);
        score.SubScores.Values.Sum().ShouldBe(aggregate);
        score.Aggregate.ShouldBe(aggregate);
        score.Risk.ShouldBe(Enum.Parse<News2Risk>(risk));
        score.RaisesAlert.ShouldBe(alert);
    }

    [Fact]
    public void Sub_scores_are_reported_per_parameter()
    {
        var score = News2.Score(Normal with { RespirationRate = 22, OxygenSaturation = 94, OnSupplementalOxygen = true, Temperature = 35.5m });

        score.SubScores.ShouldBe(new Dictionary<News2Parameter, int>
        {
            [News2Parameter.RespirationRate] = 2,
            [News2Parameter.OxygenSaturation] = 1,
            [News2Parameter.AirOrOxygen] = 2,
            [News2Parameter.SystolicBloodPressure] = 0,
            [News2Parameter.Pulse] = 0,
            [News2Parameter.Consciousness] = 0,
            [News2Parameter.Temperature] = 1,
        }, ignoreOrder: true);
        score.Aggregate.ShouldBe(6);
    }

    [Theory]
    [InlineData(0, false, "Low"), InlineData(4, false, "Low"), InlineData(3, true, "LowMedium"), InlineData(4, true, "LowMedium")]
    [InlineData(5, false, "Medium"), InlineData(5, true, "Medium"), InlineData(6, false, "Medium"), InlineData(6, true, "Medium")]
    [InlineData(7, false, "High"), InlineData(7, true, "High"), InlineData(19, true, "High")]
    public void Risk_bands_follow_the_aggregate_with_a_single_3_lifting_low_to_low_medium(int aggregate, bool singleThree, string risk) =>
        News2.Band(aggregate, singleThree).ShouldBe(Enum.Parse<News2Risk>(risk));

    [Fact]
    public void An_incomplete_set_has_sub_scores_for_what_was_observed_but_no_aggregate_or_band()
    {
        var score = News2.Score(Normal with { Temperature = null, Consciousness = null, Pulse = 95 });

        score.IsComplete.ShouldBeFalse();
        score.Missing.ShouldBe([News2Parameter.Consciousness, News2Parameter.Temperature]);
        score.SubScores.Count.ShouldBe(5);
        score.SubScores[News2Parameter.Pulse].ShouldBe(1);
        score.Aggregate.ShouldBeNull();
        score.Risk.ShouldBeNull();
        score.RaisesAlert.ShouldBeFalse();
    }

    [Fact]
    public void A_3_in_an_incomplete_set_still_raises_the_alert()
    {
        var score = News2.Score(Normal with { Temperature = null, RespirationRate = 30 });

        score.IsComplete.ShouldBeFalse();
        score.HasSingleParameterThree.ShouldBeTrue();
        score.RaisesAlert.ShouldBeTrue();
    }

    [Fact]
    public void Scale_2_saturation_from_93_without_air_or_oxygen_leaves_both_missing()
    {
        var score = News2.Score(Normal with { SpO2Scale = SpO2Scale.Scale2, OxygenSaturation = 95, OnSupplementalOxygen = null });

        score.Missing.ShouldBe([News2Parameter.OxygenSaturation, News2Parameter.AirOrOxygen]);
    }

    [Fact]
    public void An_empty_set_misses_every_parameter()
    {
        var score = News2.Score(new News2Observations(null, null, SpO2Scale.Scale1, null, null, null, null, null));

        score.Missing.ShouldBe(Enum.GetValues<News2Parameter>());
        score.SubScores.ShouldBeEmpty();
        score.RaisesAlert.ShouldBeFalse();
    }

    [Fact]
    public void A_vitals_set_maps_onto_the_NEWS2_parameters()
    {
        var set = new VitalsSet(Temperature: 36.5m, HeartRate: 72, RespiratoryRate: 14, SystolicBloodPressure: 120,
            DiastolicBloodPressure: 80, OxygenSaturation: 89, OnSupplementalOxygen: false, SpO2Scale: SpO2Scale.Scale2,
            Consciousness: Consciousness.Alert);

        News2Observations.From(set).ShouldBe(new News2Observations(14, 89, SpO2Scale.Scale2, false, 120, 72, Consciousness.Alert, 36.5m));
    }

    private static decimal Decimal(string text) => decimal.Parse(text, System.Globalization.CultureInfo.InvariantCulture);

    private static readonly News2Observations Normal = new(
        RespirationRate: 16, OxygenSaturation: 97, SpO2Scale: SpO2Scale.Scale1, OnSupplementalOxygen: false,
        SystolicBloodPressure: 120, Pulse: 70, Consciousness: Consciousness.Alert, Temperature: 37.0m);
}
