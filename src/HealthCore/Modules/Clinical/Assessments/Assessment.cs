using HealthCore.Platform.Database;

namespace HealthCore.Modules.Clinical;

/// <summary>FHIR QuestionnaireResponse.status as a recorded assessment moves through it: answers are never edited, only the status.</summary>
internal enum AssessmentStatus
{
    Completed,

    /// <summary>A correction replaced it (the correction is FHIR's amended response); it stays readable.</summary>
    Superseded,

    EnteredInError,
}

/// <summary>One computed total of an assessment with the band it fell in, stored as computed when the answers were recorded.</summary>
internal sealed record AssessmentScore(string Key, int Total, string Band, string BandLabel);

/// <summary>
/// A structured assessment (a FHIR QuestionnaireResponse) made in an encounter: the answers as JSON, exactly as
/// validated against <see cref="FormKey"/> at <see cref="FormVersion"/>, and the scores that version computed from them.
/// A correction is a new assessment whose <see cref="Replaces"/> points at this one; a unique index lets an assessment be
/// corrected once.
/// </summary>
internal sealed class Assessment : ITenantOwned, ICorrectableRecord, IFacilityOwned
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid TenantId { get; set; }

    public int Version { get; set; }

    public Guid PatientId { get; init; }

    public Guid EncounterId { get; init; }

    /// <summary>The encounter's facility: an assessment is hidden from users of other facilities like its visit is.</summary>
    public Guid FacilityId { get; init; }

    public required string FormKey { get; init; }

    public int FormVersion { get; init; }

    public AssessmentStatus Status { get; set; }

    /// <summary>When the answers were gathered (FHIR authored).</summary>
    public DateTimeOffset AuthoredAt { get; init; }

    public DateTimeOffset RecordedAt { get; init; }

    /// <summary>The user who recorded the assessment (FHIR author).</summary>
    public Guid? AuthorId { get; init; }

    /// <summary>The answers as a JSON object keyed by field.</summary>
    public required string Answers { get; init; }

    public List<AssessmentScore> Scores { get; init; } = [];

    public Guid? Replaces { get; init; }

    public Guid? SupersededBy { get; set; }

    public string? EnteredInErrorReason { get; set; }

    public DateTimeOffset? EnteredInErrorAt { get; set; }

    public Guid? EnteredInErrorBy { get; set; }

    public bool Stands => Status == AssessmentStatus.Completed;

    public void MarkStatusEnteredInError() => Status = AssessmentStatus.EnteredInError;

    public void MarkStatusSuperseded() => Status = AssessmentStatus.Superseded;
}
