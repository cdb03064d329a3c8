namespace HealthCore.Modules.Clinical.Notes;

/// <summary>The kinds of note, each a LOINC document type (FHIR Composition.type, value set doc-typecodes).</summary>
internal enum NoteType
{
    HistoryAndExamination,
    Progress,
    Nursing,
    DischargeSummary,
    Procedure,
    ReferralLetter,
}

internal static class NoteTypes
{
    public const string LoincSystem = "http://loinc.org";

    public static string LoincCode(this NoteType type) => type switch
    {
        NoteType.HistoryAndExamination => "34117-2", // History and physical note
        NoteType.Progress => "11506-3", // Progress note
        NoteType.Nursing => "34746-8", // Nurse note
        NoteType.DischargeSummary => "18842-5", // Discharge summary
        NoteType.Procedure => "28570-0", // Procedure note
        NoteType.ReferralLetter => "57133-1", // Referral note
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };

    /// <summary>
    /// A discharge summary tells the story of one encounter once: a unique index keeps it single, and a correction
    /// amends it instead of writing a second one that readers would have to reconcile.
    /// </summary>
    public static bool IsOnePerEncounter(this NoteType type) => type == NoteType.DischargeSummary;

    public const string OnePerEncounterFilter = "type = 'DischargeSummary'";
}
