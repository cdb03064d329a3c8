namespace HealthCore.Modules.Clinical;

/// <summary>
/// The vital signs HealthCore records. Codes and units are those of the FHIR R4 vital signs profile
/// (hl7.org/fhir/R4/observation-vitalsigns.html); pain, glucose and consciousness, which the profile leaves out, use
/// the LOINC codes FHIR implementation guides use for them.
/// Plausible ranges are deliberately wide: they catch typing slips (a heart rate of 900, a temperature in °F), not
/// unusual patients, so each limit sits beyond the most extreme value reported in a living patient.
/// Where the sign is part of NEWS2 (RCP 2017), the normal range is the chart's 0-point band and the critical limits
/// are where it scores 3, so a flag never contradicts the score the nurse sees on the chart.
/// </summary>
internal static class VitalSignCatalog
{
    public const string LoincSystem = "http://loinc.org";

    /// <summary>The FHIR profile codes blood pressure as this panel with systolic and diastolic as components.</summary>
    public const string BloodPressurePanelLoinc = "85354-9";

    /// <summary>The FHIR oxygen saturation profile requires 2708-6 next to the pulse oximetry code 59408-5.</summary>
    public const string ArterialOxygenSaturationLoinc = "2708-6";

    /// <summary>LOINC "Level of responsiveness" (the AVPU family; UK NEWS2 records use SNOMED CT 1104441000000107).</summary>
    public const string ConsciousnessLoinc = "67775-7";

    // Supplemental oxygen has no yes/no LOINC code: FHIR's oxygen saturation profile carries what is given as the
    // components 3151-8 (inhaled oxygen flow rate) and 3150-0 (inhaled oxygen concentration), so a mapping adds those
    // when the flow is known and otherwise keeps onSupplementalOxygen as the NEWS2 "air or oxygen" parameter.

    public static readonly VitalSignDefinition BodyTemperature = new(
        VitalSign.BodyTemperature, "temperature", "8310-5", "Body temperature", "Cel", 1,
        // 13.7 °C is the lowest core temperature survived (Gilbert et al., Lancet 2000); 46.5 °C the highest recorded.
        new ValueRange(10.0m, 47.0m),
        // NEWS2: 36.1-38.0 scores 0, <=35.0 scores 3. Its highest temperature score is 2, so no critical-high flag.
        new ReferenceRange(new ValueRange(36.1m, 38.0m), CriticalLow: 35.0m));

    public static readonly VitalSignDefinition HeartRate = new(
        VitalSign.HeartRate, "heartRate", "8867-4", "Heart rate", "/min", 0,
        // 0 is recorded during cardiac arrest; conducted rates above 300/min are not seen even in infant SVT.
        new ValueRange(0m, 300m),
        new ReferenceRange(new ValueRange(51m, 90m), CriticalLow: 40m, CriticalHigh: 131m));

    public static readonly VitalSignDefinition RespiratoryRate = new(
        VitalSign.RespiratoryRate, "respiratoryRate", "9279-1", "Respiratory rate", "/min", 0,
        // 0 is apnoea; preterm neonates breathe up to ~80/min and nobody sustains much more.
        new ValueRange(0m, 100m),
        new ReferenceRange(new ValueRange(12m, 20m), CriticalLow: 8m, CriticalHigh: 25m));

    public static readonly VitalSignDefinition SystolicBloodPressure = new(
        VitalSign.SystolicBloodPressure, "systolicBloodPressure", "8480-6", "Systolic blood pressure", "mm[Hg]", 0,
        new ValueRange(20m, 300m),
        // Low side from NEWS2 (<=110 scores, <=90 scores 3). High side from NICE NG136 rather than NEWS2's 220: 140 is
        // the clinic hypertension threshold and 180 the level that asks for same-day specialist review.
        new ReferenceRange(new ValueRange(111m, 139m), CriticalLow: 90m, CriticalHigh: 180m));

    public static readonly VitalSignDefinition DiastolicBloodPressure = new(
        VitalSign.DiastolicBloodPressure, "diastolicBloodPressure", "8462-4", "Diastolic blood pressure", "mm[Hg]", 0,
        new ValueRange(10m, 200m),
        // NICE NG136: >=90 is hypertensive, >=120 severe; below 60 is the usual definition of hypotension (90/60).
        new ReferenceRange(new ValueRange(60m, 89m), CriticalHigh: 120m));

    public static readonly VitalSignDefinition OxygenSaturation = new(
        VitalSign.OxygenSaturation, "oxygenSaturation", "59408-5", "Oxygen saturation in Arterial blood by Pulse oximetry", "%", 0,
        // Oximeters are specified for 70-100 %; a reading below 50 % is a probe that lost its signal.
        new ValueRange(50m, 100m),
        // NEWS2 scale 1: >=96 scores 0, <=91 scores 3. Scale 2 patients are flagged against ScaleTwoReference.
        new ReferenceRange(new ValueRange(96m, 100m), CriticalLow: 91m));

    /// <summary>NEWS2 scale 2: 88-92 % is the prescribed target and 93 % or more on air scores 0; 83 % or less scores 3.</summary>
    public static readonly ReferenceRange OxygenSaturationScaleTwoReference = new(new ValueRange(88m, 100m), CriticalLow: 83m);

    public static readonly VitalSignDefinition PainScore = new(
        VitalSign.PainScore, "painScore", "72514-3", "Pain severity - 0-10 verbal numeric rating [Score] - Reported", "{score}", 0,
        new ValueRange(0m, 10m),
        // Serlin et al. (Pain 1995) cut-points on the 0-10 scale: 1-4 mild, 5-6 moderate, 7-10 severe.
        new ReferenceRange(new ValueRange(0m, 4m), CriticalHigh: 7m));

    public static readonly VitalSignDefinition BodyHeight = new(
        VitalSign.BodyHeight, "height", "8302-2", "Body height", "cm", 1,
        // From the smallest surviving preterm neonates (~20 cm) to the tallest person measured (272 cm).
        new ValueRange(20m, 280m),
        Reference: null);

    public static readonly VitalSignDefinition BodyWeight = new(
        VitalSign.BodyWeight, "weight", "29463-7", "Body weight", "kg", 3,
        // From the smallest surviving neonates (~0.25 kg) to the heaviest person recorded (~635 kg).
        new ValueRange(0.2m, 700m),
        Reference: null);

    public static readonly VitalSignDefinition BodyMassIndex = new(
        VitalSign.BodyMassIndex, "bmi", "39156-5", "Body mass index (BMI) [Ratio]", "kg/m2", 1,
        // Derived, never entered: a BMI outside this range means the height or the weight was mistyped.
        new ValueRange(5m, 250m),
        // WHO adult classes: 18.5-24.9 normal, <16.0 severe thinness, >=40.0 obese class III.
        new ReferenceRange(new ValueRange(18.5m, 24.9m), CriticalLow: 15.9m, CriticalHigh: 40.0m));

    public static readonly VitalSignDefinition BloodGlucose = new(
        VitalSign.BloodGlucose, "bloodGlucose", "15074-8", "Glucose [Moles/volume] in Blood", "mmol/L", 1,
        // Survived hyperglycaemia has been reported near 150 mmol/L; a meter's lowest reading is around 0.6.
        new ValueRange(0.5m, 150m),
        // Hypoglycaemia below 4.0 ("four is the floor", JBDS-IP) and level 2 below 3.0 (ADA); above 11.0 is the WHO
        // random-glucose diabetes threshold; 25 mmol/L (450 mg/dL) the usual laboratory critical-value limit.
        new ReferenceRange(new ValueRange(4.0m, 11.0m), CriticalLow: 2.9m, CriticalHigh: 25.0m));

    public static IReadOnlyList<VitalSignDefinition> All { get; } =
    [
        BodyTemperature, HeartRate, RespiratoryRate, SystolicBloodPressure, DiastolicBloodPressure, OxygenSaturation,
        PainScore, BodyHeight, BodyWeight, BodyMassIndex, BloodGlucose,
    ];

    public static VitalSignDefinition Of(VitalSign sign) => All.Single(definition => definition.Sign == sign);
}
