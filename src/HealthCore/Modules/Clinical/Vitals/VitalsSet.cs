namespace HealthCore.Modules.Clinical;

/// <summary>
/// One set of observations taken together, each value in its catalog unit (<see cref="VitalSignCatalog"/>). Any part
/// may be missing; BMI is never entered but derived from height and weight.
/// </summary>
internal sealed record VitalsSet(
    decimal? Temperature = null,
    decimal? HeartRate = null,
    decimal? RespiratoryRate = null,
    decimal? SystolicBloodPressure = null,
    decimal? DiastolicBloodPressure = null,
    decimal? OxygenSaturation = null,
    bool? OnSupplementalOxygen = null,
    SpO2Scale SpO2Scale = SpO2Scale.Scale1,
    Consciousness? Consciousness = null,
    decimal? PainScore = null,
    decimal? Height = null,
    decimal? Weight = null,
    decimal? BloodGlucose = null);

/// <summary>An accepted value, with its flag (null where the sign has no reference range).</summary>
internal sealed record VitalReading(VitalSignDefinition Definition, decimal Value, Interpretation? Interpretation);

/// <summary>
/// Field errors keyed like the request (for FieldErrors.Invalid), or, when there are none, the readings with their
/// flags and the NEWS2 score of the set.
/// </summary>
internal sealed record VitalsCheck(
    IReadOnlyDictionary<string, string[]> Errors, IReadOnlyList<VitalReading> Readings, News2Score? News2)
{
    public bool IsValid => Errors.Count == 0;
}

internal static class VitalsValidation
{
    public static VitalsCheck Check(VitalsSet set)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var readings = new List<VitalReading>();

        void Take(VitalSignDefinition definition, decimal? value)
        {
            if (value is not { } v)
            {
                return;
            }

            if (definition.Problem(v) is { } problem)
            {
                errors[definition.Field] = [problem];
                return;
            }

            var interpretation = definition.Sign == VitalSign.OxygenSaturation && set.SpO2Scale == SpO2Scale.Scale2
                ? VitalSignCatalog.OxygenSaturationScaleTwoReference.Interpret(v)
                : definition.Interpret(v);
            readings.Add(new VitalReading(definition, v, interpretation));
        }

        Take(VitalSignCatalog.BodyTemperature, set.Temperature);
        Take(VitalSignCatalog.HeartRate, set.HeartRate);
        Take(VitalSignCatalog.RespiratoryRate, set.RespiratoryRate);
        Take(VitalSignCatalog.SystolicBloodPressure, set.SystolicBloodPressure);
        Take(VitalSignCatalog.DiastolicBloodPressure, set.DiastolicBloodPressure);
        Take(VitalSignCatalog.OxygenSaturation, set.OxygenSaturation);
        Take(VitalSignCatalog.PainScore, set.PainScore);
        Take(VitalSignCatalog.BodyHeight, set.Height);
        Take(VitalSignCatalog.BodyWeight, set.Weight);
        Take(VitalSignCatalog.BloodGlucose, set.BloodGlucose);

        CheckPairs(set, errors);
        if (errors.Count == 0 && Bmi(set) is { } bmi)
        {
            var definition = VitalSignCatalog.BodyMassIndex;
            if (definition.Plausible.Contains(bmi))
            {
                readings.Add(new VitalReading(definition, bmi, definition.Interpret(bmi)));
            }
            else
            {
                errors[VitalSignCatalog.BodyWeight.Field] =
                    [$"Height and weight give a BMI of {bmi} {definition.Unit}, outside {definition.Plausible}; one of them is mistyped."];
            }
        }

        return errors.Count > 0
            ? new VitalsCheck(errors, [], null)
            : new VitalsCheck(errors, readings, News2.Score(News2Observations.From(set)));
    }

    /// <summary>kg/m², from centimetres, to the catalog's one decimal.</summary>
    public static decimal? Bmi(VitalsSet set) =>
        set is { Height: > 0 and var height, Weight: { } weight }
            ? decimal.Round(weight / (height / 100m * (height / 100m)), VitalSignCatalog.BodyMassIndex.Decimals, MidpointRounding.AwayFromZero)
            : null;

    // Only the pair is checked: a systolic pressure alone is a valid reading (palpated, or a diastolic the device
    // could not resolve), and NEWS2 needs no more than the systolic.
    private static void CheckPairs(VitalsSet set, Dictionary<string, string[]> errors)
    {
        var (systolic, diastolic) = (VitalSignCatalog.SystolicBloodPressure.Field, VitalSignCatalog.DiastolicBloodPressure.Field);
        if (set is { DiastolicBloodPressure: { } d, SystolicBloodPressure: { } s } && d >= s && !errors.ContainsKey(diastolic) && !errors.ContainsKey(systolic))
        {
            errors[diastolic] = [$"Must be lower than {systolic}."];
        }
    }
}
