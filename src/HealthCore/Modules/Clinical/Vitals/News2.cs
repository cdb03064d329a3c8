namespace HealthCore.Modules.Clinical;

internal enum News2Parameter
{
    RespirationRate,
    OxygenSaturation,
    AirOrOxygen,
    SystolicBloodPressure,
    Pulse,
    Consciousness,
    Temperature,
}

/// <summary>The RCP's clinical risk bands, each with its own response.</summary>
internal enum News2Risk
{
    /// <summary>Aggregate 0-4 with no single parameter at 3: ward-based response.</summary>
    Low,

    /// <summary>Aggregate 0-4 but a 3 in one parameter: urgent ward-based response.</summary>
    LowMedium,

    /// <summary>Aggregate 5-6: key threshold for urgent response.</summary>
    Medium,

    /// <summary>Aggregate 7 or more: urgent or emergency response.</summary>
    High,
}

/// <summary>The seven NEWS2 parameters as observed; any may be missing.</summary>
internal sealed record News2Observations(
    decimal? RespirationRate,
    decimal? OxygenSaturation,
    SpO2Scale SpO2Scale,
    bool? OnSupplementalOxygen,
    decimal? SystolicBloodPressure,
    decimal? Pulse,
    Consciousness? Consciousness,
    decimal? Temperature)
{
    public static News2Observations From(VitalsSet set) => new(
        set.RespiratoryRate, set.OxygenSaturation, set.SpO2Scale, set.OnSupplementalOxygen, set.SystolicBloodPressure,
        set.HeartRate, set.Consciousness, set.Temperature);
}

/// <summary>
/// Sub-scores of the parameters that could be scored, those that could not, and, for a complete set only, the
/// aggregate and risk band. <see cref="RaisesAlert"/> follows the rule: aggregate 7 or more, or a 3 in any
/// single parameter; a 3 raises it even in an incomplete set, since that parameter alone already calls for an urgent
/// response whatever the missing ones would add.
/// </summary>
internal sealed record News2Score(
    IReadOnlyDictionary<News2Parameter, int> SubScores,
    IReadOnlyList<News2Parameter> Missing,
    int? Aggregate,
    News2Risk? Risk)
{
    public const int HighThreshold = 7;

    public bool IsComplete => Missing.Count == 0;

    public bool HasSingleParameterThree => SubScores.Values.Contains(3);

    public bool RaisesAlert => HasSingleParameterThree || Aggregate >= HighThreshold;
}

/// <summary>
/// National Early Warning Score 2, Royal College of Physicians 2017, chart 1. Values are first rounded (half away from
/// zero) to the precision the chart is written in, whole numbers and temperature to 0.1 °C, as they would be charted;
/// so 35.05 °C is charted 35.1 and scores 1, 35.04 °C is charted 35.0 and scores 3, and no value falls between bands.
/// </summary>
internal static class News2
{
    public static News2Score Score(News2Observations observations)
    {
        var scores = new Dictionary<News2Parameter, int>();
        var missing = new List<News2Parameter>();

        void Add(News2Parameter parameter, int? score)
        {
            if (score is { } s)
            {
                scores[parameter] = s;
            }
            else
            {
                missing.Add(parameter);
            }
        }

        Add(News2Parameter.RespirationRate, observations.RespirationRate is { } rr ? RespirationRate(rr) : null);
        Add(News2Parameter.OxygenSaturation, observations.OxygenSaturation is { } spo2
            ? OxygenSaturation(spo2, observations.SpO2Scale, observations.OnSupplementalOxygen)
            : null);
        Add(News2Parameter.AirOrOxygen, observations.OnSupplementalOxygen is { } oxygen ? AirOrOxygen(oxygen) : null);
        Add(News2Parameter.SystolicBloodPressure, observations.SystolicBloodPressure is { } sbp ? SystolicBloodPressure(sbp) : null);
        Add(News2Parameter.Pulse, observations.Pulse is { } pulse ? Pulse(pulse) : null);
        Add(News2Parameter.Consciousness, observations.Consciousness is { } consciousness ? Consciousness(consciousness) : null);
        Add(News2Parameter.Temperature, observations.Temperature is { } temperature ? Temperature(temperature) : null);

        if (missing.Count > 0)
        {
            return new News2Score(scores, missing, null, null);
        }

        var aggregate = scores.Values.Sum();
        return new News2Score(scores, missing, aggregate, Band(aggregate, singleParameterThree: scores.ContainsValue(3)));
    }

    public static News2Risk Band(int aggregate, bool singleParameterThree) => aggregate switch
    {
        >= 7 => News2Risk.High,
        >= 5 => News2Risk.Medium,
        _ when singleParameterThree => News2Risk.LowMedium,
        _ => News2Risk.Low,
    };

    public static int RespirationRate(decimal perMinute) => Whole(perMinute) switch
    {
        <= 8 => 3,
        <= 11 => 1,
        <= 20 => 0,
        <= 24 => 2,
        _ => 3,
    };

    /// <summary>
    /// Null when scale 2 needs to know air or oxygen and it is not recorded: at 93 % and above scale 2 scores 0 on
    /// air but 1-3 on oxygen (over-oxygenation in hypercapnic respiratory failure).
    /// </summary>
    public static int? OxygenSaturation(decimal percent, SpO2Scale scale, bool? onOxygen) => (scale, Whole(percent)) switch
    {
        (SpO2Scale.Scale1, <= 91) => 3,
        (SpO2Scale.Scale1, <= 93) => 2,
        (SpO2Scale.Scale1, <= 95) => 1,
        (SpO2Scale.Scale1, _) => 0,
        (SpO2Scale.Scale2, <= 83) => 3,
        (SpO2Scale.Scale2, <= 85) => 2,
        (SpO2Scale.Scale2, <= 87) => 1,
        (SpO2Scale.Scale2, <= 92) => 0,
        (SpO2Scale.Scale2, var rounded) => onOxygen switch
        {
            null => null,
            false => 0,
            true when rounded <= 94 => 1,
            true when rounded <= 96 => 2,
            true => 3,
        },
        _ => throw new ArgumentOutOfRangeException(nameof(scale), scale, null),
    };

    public static int AirOrOxygen(bool onOxygen) => onOxygen ? 2 : 0;

    public static int SystolicBloodPressure(decimal mmHg) => Whole(mmHg) switch
    {
        <= 90 => 3,
        <= 100 => 2,
        <= 110 => 1,
        <= 219 => 0,
        _ => 3,
    };

    public static int Pulse(decimal perMinute) => Whole(perMinute) switch
    {
        <= 40 => 3,
        <= 50 => 1,
        <= 90 => 0,
        <= 110 => 1,
        <= 130 => 2,
        _ => 3,
    };

    public static int Consciousness(Consciousness consciousness) => consciousness == Clinical.Consciousness.Alert ? 0 : 3;

    public static int Temperature(decimal celsius) => decimal.Round(celsius, 1, MidpointRounding.AwayFromZero) switch
    {
        <= 35.0m => 3,
        <= 36.0m => 1,
        <= 38.0m => 0,
        <= 39.0m => 1,
        _ => 2,
    };

    private static decimal Whole(decimal value) => decimal.Round(value, 0, MidpointRounding.AwayFromZero);
}
