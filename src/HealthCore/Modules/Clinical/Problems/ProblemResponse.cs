namespace HealthCore.Modules.Clinical;

/// <summary>An entry of the patient's problem list (FHIR Condition, category problem-list-item); <c>clinicalStatus</c> is absent once entered in error.</summary>
internal sealed record ProblemResponse(
    Guid Id,
    Guid PatientId,
    Guid? EncounterId,
    Guid? DiagnosisId,
    string Category,
    ClinicalCode Code,
    ConditionClinicalStatus? ClinicalStatus,
    ConditionVerificationStatus VerificationStatus,
    DateTimeOffset? OnsetAt,
    DateTimeOffset? AbatementAt,
    string? Note,
    DateTimeOffset RecordedAt,
    Guid? RecorderId,
    DateTimeOffset UpdatedAt,
    string? EnteredInErrorReason,
    int Version)
{
    public const string ProblemListItem = "problem-list-item";

    public static ProblemResponse From(Problem p) => From(p, p.Version);

    public static ProblemResponse From(Problem p, int version) =>
        new(
            p.Id, p.PatientId, p.EncounterId, p.DiagnosisId, ProblemListItem, p.Concept, p.ClinicalStatus, p.VerificationStatus, p.OnsetAt, p.AbatementAt,
            p.Note, p.RecordedAt, p.RecorderId, p.UpdatedAt, p.EnteredInErrorReason, version);
}

/// <summary>A patient's problem list, entered-in-error entries included, in the order they were recorded.</summary>
internal sealed record ProblemList(IReadOnlyList<ProblemResponse> Items);
