namespace HealthCore.Modules.Clinical;

internal enum VitalSign
{
    BodyTemperature,
    HeartRate,
    RespiratoryRate,
    SystolicBloodPressure,
    DiastolicBloodPressure,
    OxygenSaturation,
    PainScore,
    BodyHeight,
    BodyWeight,
    BodyMassIndex,
    BloodGlucose,
}

/// <summary>ACVPU, the consciousness scale of NEWS2: AVPU with new confusion added between alert and voice.</summary>
internal enum Consciousness
{
    Alert,
    NewConfusion,
    Voice,
    Pain,
    Unresponsive,
}

/// <summary>
/// NEWS2's two SpO2 scales. Scale 2 is for patients with hypercapnic respiratory failure whose prescribed target is
/// 88-92 %, and only on a clinician's decision; everyone else is scored on scale 1.
/// </summary>
internal enum SpO2Scale
{
    Scale1 = 1,
    Scale2 = 2,
}

/// <summary>The subset of FHIR's v3 ObservationInterpretation a vital sign is flagged with.</summary>
internal enum Interpretation
{
    Normal,
    Low,
    High,
    CriticalLow,
    CriticalHigh,
}

internal static class InterpretationCodes
{
    public const string System = "http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation";

    public static string Code(this Interpretation interpretation) => interpretation switch
    {
        Interpretation.Normal => "N",
        Interpretation.Low => "L",
        Interpretation.High => "H",
        Interpretation.CriticalLow => "LL",
        Interpretation.CriticalHigh => "HH",
        _ => throw new ArgumentOutOfRangeException(nameof(interpretation), interpretation, null),
    };
}
