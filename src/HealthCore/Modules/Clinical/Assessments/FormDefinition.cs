namespace HealthCore.Modules.Clinical;

internal enum FormFieldType
{
    Boolean,
    Integer,
    Decimal,
    Text,
    Choice,
    Date,
}

/// <summary>
/// An allowed value of a choice field; <see cref="Points"/> is what it adds to a score the field is part of. An
/// <see cref="Exclusive"/> choice ("none") cannot be listed together with others in a multiple choice.
/// </summary>
internal sealed record FormChoice(string Code, string Label, int Points = 0, bool Exclusive = false);

/// <summary>
/// One question. Min and Max bound numbers; MaxLength bounds text; Choices list the allowed codes of a choice field,
/// which takes an array of codes when <see cref="Multiple"/>. <see cref="RequiredWhenTrue"/> names a boolean field
/// whose true answer makes this one required (a reaction described only when there is an allergy). <see cref="Unit"/>
/// is the UCUM unit a number is given in.
/// </summary>
internal sealed record FormField(
    string Key,
    string Label,
    FormFieldType Type,
    bool Required = false,
    decimal? Min = null,
    decimal? Max = null,
    IReadOnlyList<FormChoice>? Choices = null,
    bool Multiple = false,
    int? MaxLength = null,
    string? RequiredWhenTrue = null,
    string? Unit = null);

/// <summary>Inclusive totals; a score's bands cover every total it can reach, without overlap.</summary>
internal sealed record ScoreBand(int From, int To, string Code, string Label);

/// <summary>
/// A total computed from answers: an integer field adds its value, a single choice field its choice's points.
/// Computed only when every field it sums is answered.
/// </summary>
internal sealed record FormScore(string Key, string Label, IReadOnlyList<string> Fields, IReadOnlyList<ScoreBand> Bands);

/// <summary>A form as it was at one version. Answers are always validated against the version they were made with.</summary>
internal sealed record FormDefinition(
    string Key, int Version, string Title, IReadOnlyList<FormField> Fields, IReadOnlyList<FormScore> Scores)
{
    public FormField? Field(string key) => Fields.FirstOrDefault(field => field.Key == key);
}

internal sealed record FormScoreResult(string Key, int Total, ScoreBand Band);
