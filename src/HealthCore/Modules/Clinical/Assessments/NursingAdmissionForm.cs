namespace HealthCore.Modules.Clinical;

/// <summary>
/// Admission nursing assessment: falls risk (Morse Fall Scale), pressure-ulcer risk (Braden scale) and nutrition
/// screening (MUST, BAPEN). Item points and bands are the published ones; Morse's cut-points are the commonly used
/// 25 and 45, which Morse herself says each institution may tune (a new version of this form would).
/// </summary>
internal static class NursingAdmissionForm
{
    public const string Key = "nursing.admission";

    public static readonly FormDefinition Version1 = new(Key, 1, "Admission nursing assessment",
    [
        new("fallHistory", "History of falling (this admission or within 3 months)", FormFieldType.Choice, Required: true,
            Choices: FormDefinitions.NoYes(yesPoints: 25)),
        new("lastFallOn", "Date of the last fall", FormFieldType.Date),
        new("secondaryDiagnosis", "More than one medical diagnosis", FormFieldType.Choice, Required: true,
            Choices: FormDefinitions.NoYes(yesPoints: 15)),
        new("ambulatoryAid", "Ambulatory aid", FormFieldType.Choice, Required: true, Choices:
        [
            new("none", "None, bed rest or nurse assist"),
            new("crutchesCaneWalker", "Crutches, cane or walker", 15),
            new("furniture", "Clutches furniture for support", 30),
        ]),
        new("intravenousAccess", "IV therapy or IV access (heparin/saline lock)", FormFieldType.Choice, Required: true,
            Choices: FormDefinitions.NoYes(yesPoints: 20)),
        new("gait", "Gait", FormFieldType.Choice, Required: true, Choices:
        [
            new("normal", "Normal, bed rest or wheelchair"),
            new("weak", "Weak", 10),
            new("impaired", "Impaired", 20),
        ]),
        new("mentalStatus", "Mental status", FormFieldType.Choice, Required: true, Choices:
        [
            new("oriented", "Oriented to own ability"),
            new("forgetsLimitations", "Overestimates or forgets limitations", 15),
        ]),

        new("sensoryPerception", "Braden: sensory perception (1 completely limited - 4 no impairment)", FormFieldType.Integer, Required: true, Min: 1, Max: 4),
        new("moisture", "Braden: moisture (1 constantly moist - 4 rarely moist)", FormFieldType.Integer, Required: true, Min: 1, Max: 4),
        new("activity", "Braden: activity (1 bedfast - 4 walks frequently)", FormFieldType.Integer, Required: true, Min: 1, Max: 4),
        new("mobility", "Braden: mobility (1 completely immobile - 4 no limitation)", FormFieldType.Integer, Required: true, Min: 1, Max: 4),
        new("nutrition", "Braden: nutrition (1 very poor - 4 excellent)", FormFieldType.Integer, Required: true, Min: 1, Max: 4),
        new("frictionShear", "Braden: friction and shear (1 problem - 3 no apparent problem)", FormFieldType.Integer, Required: true, Min: 1, Max: 3),

        new("mustBmi", "MUST step 1: BMI", FormFieldType.Choice, Required: true, Choices:
        [
            new("over20", "Over 20 kg/m2 (over 30 obese)"),
            new("from18.5to20", "18.5 to 20 kg/m2", 1),
            new("under18.5", "Under 18.5 kg/m2", 2),
        ]),
        new("mustWeightLoss", "MUST step 2: unplanned weight loss in the past 3-6 months", FormFieldType.Choice, Required: true, Choices:
        [
            new("under5", "Under 5 %"),
            new("from5to10", "5 to 10 %", 1),
            new("over10", "Over 10 %", 2),
        ]),
        new("mustAcuteDisease", "MUST step 3: acutely ill and no or likely no nutritional intake for more than 5 days", FormFieldType.Choice,
            Required: true, Choices: FormDefinitions.NoYes(yesPoints: 2)),

        new("notes", "Notes", FormFieldType.Text, MaxLength: 2000),
    ],
    [
        new("morse", "Morse Fall Scale", ["fallHistory", "secondaryDiagnosis", "ambulatoryAid", "intravenousAccess", "gait", "mentalStatus"],
        [
            new(0, 24, "low", "Low fall risk"),
            new(25, 44, "moderate", "Moderate fall risk"),
            new(45, 125, "high", "High fall risk"),
        ]),
        new("braden", "Braden scale", ["sensoryPerception", "moisture", "activity", "mobility", "nutrition", "frictionShear"],
        [
            new(6, 9, "veryHigh", "Very high risk"),
            new(10, 12, "high", "High risk"),
            new(13, 14, "moderate", "Moderate risk"),
            new(15, 18, "mild", "Mild risk (at risk)"),
            new(19, 23, "none", "No risk"),
        ]),
        new("must", "Malnutrition Universal Screening Tool", ["mustBmi", "mustWeightLoss", "mustAcuteDisease"],
        [
            new(0, 0, "low", "Low risk: routine clinical care"),
            new(1, 1, "medium", "Medium risk: observe"),
            new(2, 6, "high", "High risk: treat"),
        ]),
    ]);
}
