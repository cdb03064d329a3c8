namespace HealthCore.Modules.Clinical;

/// <summary>
/// Safety questions before an imaging procedure: contrast allergy (with the reaction, when there was one), renal
/// function for iodinated or gadolinium contrast, pregnancy, and implants that bar or condition MRI.
/// </summary>
internal static class RadiologyPreprocedureForm
{
    public const string Key = "radiology.preprocedure";

    public static readonly FormDefinition Version1 = new(Key, 1, "Radiology pre-procedure assessment",
    [
        new("contrastAllergy", "Previous reaction to contrast media", FormFieldType.Boolean, Required: true),
        new("contrastReaction", "Reaction to contrast media", FormFieldType.Text, MaxLength: 1000, RequiredWhenTrue: "contrastAllergy"),
        // Above 200 mL/min/1.73 m2 is not a filtration rate but a mistyped one.
        new("egfr", "eGFR", FormFieldType.Decimal, Min: 0, Max: 200, Unit: "mL/min/{1.73_m2}"),
        new("egfrMeasuredOn", "Date of the eGFR", FormFieldType.Date),
        new("pregnancyStatus", "Pregnancy status", FormFieldType.Choice, Required: true, Choices:
        [
            new("notPregnant", "Not pregnant"),
            new("possiblyPregnant", "Possibly pregnant"),
            new("pregnant", "Pregnant"),
            new("notApplicable", "Not applicable"),
        ]),
        new("implants", "Implants and foreign bodies", FormFieldType.Choice, Required: true, Multiple: true, Choices:
        [
            new("none", "None", Exclusive: true),
            new("pacemaker", "Pacemaker"),
            new("implantableDefibrillator", "Implantable defibrillator"),
            new("cochlearImplant", "Cochlear implant"),
            new("neurostimulator", "Neurostimulator"),
            new("aneurysmClip", "Aneurysm clip"),
            new("metalFragments", "Metal fragments or shrapnel"),
            new("jointProsthesis", "Joint prosthesis"),
            new("other", "Other"),
        ]),
        new("implantDetails", "Implant details", FormFieldType.Text, MaxLength: 1000),
    ],
    []);
}
