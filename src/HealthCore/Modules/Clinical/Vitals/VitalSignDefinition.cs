using System.Globalization;

namespace HealthCore.Modules.Clinical;

/// <summary>Inclusive bounds.</summary>
internal sealed record ValueRange(decimal Min, decimal Max)
{
    public bool Contains(decimal value) => value >= Min && value <= Max;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Min}-{Max}");
}

/// <summary>
/// How a plausible value is flagged: normal inside <see cref="Normal"/>, low or high outside it, and critical at or
/// beyond a critical limit (at or below <see cref="CriticalLow"/>, at or above <see cref="CriticalHigh"/>; the
/// inclusive form NEWS2's chart uses). Signs without a meaningful reference interval (height, weight) have none.
/// </summary>
internal sealed record ReferenceRange(ValueRange Normal, decimal? CriticalLow = null, decimal? CriticalHigh = null)
{
    public Interpretation Interpret(decimal value) => value switch
    {
        _ when value <= CriticalLow => Interpretation.CriticalLow,
        _ when value >= CriticalHigh => Interpretation.CriticalHigh,
        _ when value < Normal.Min => Interpretation.Low,
        _ when value > Normal.Max => Interpretation.High,
        _ => Interpretation.Normal,
    };
}

/// <summary>
/// One vital sign as recorded: the request field it arrives in, the LOINC code (FHIR R4 vital signs profile where it
/// has one), the UCUM unit the value is in, the decimals it is recorded with, the values that can be real at all
/// (outside is an entry error, rejected) and the reference range it is flagged against (outside is accepted).
/// </summary>
internal sealed record VitalSignDefinition(
    VitalSign Sign,
    string Field,
    string Loinc,
    string Display,
    string Unit,
    int Decimals,
    ValueRange Plausible,
    ReferenceRange? Reference)
{
    /// <summary>The rule a value breaks, or null for an acceptable one.</summary>
    public string? Problem(decimal value)
    {
        if (!Plausible.Contains(value))
        {
            return string.Create(CultureInfo.InvariantCulture,
                $"Must be between {Plausible.Min} and {Plausible.Max} {Unit}; a value outside is not physiologically possible.");
        }

        return decimal.Round(value, Decimals) != value
            ? (Decimals == 0 ? "Must be a whole number." : $"Must have at most {Decimals} decimal place{(Decimals == 1 ? "" : "s")}.")
            : null;
    }

    public Interpretation? Interpret(decimal value) => Reference?.Interpret(value);
}
