using System.Text.Json;

namespace HealthCore.Modules.Clinical;

/// <summary>
/// A recorded assessment (FHIR QuestionnaireResponse): its answers as given, validated against <c>formKey</c> at
/// <c>formVersion</c>, and the scores that version computed (e.g. braden, morse, must) with their bands. <c>replaces</c>
/// points at the assessment this one corrects, <c>supersededBy</c> at the correction of this one; superseded and
/// entered-in-error assessments stay readable.
/// </summary>
internal sealed record AssessmentResponse(
    Guid Id,
    Guid PatientId,
    Guid EncounterId,
    string FormKey,
    int FormVersion,
    AssessmentStatus Status,
    DateTimeOffset AuthoredAt,
    DateTimeOffset RecordedAt,
    Guid? AuthorId,
    JsonElement Answers,
    IReadOnlyList<AssessmentScore> Scores,
    Guid? Replaces,
    Guid? SupersededBy,
    EnteredInErrorResponse? EnteredInError,
    int Version)
{
    public static AssessmentResponse From(Assessment a)
    {
        using var answers = JsonDocument.Parse(a.Answers);
        return new(
            a.Id,
            a.PatientId,
            a.EncounterId,
            a.FormKey,
            a.FormVersion,
            a.Status,
            a.AuthoredAt,
            a.RecordedAt,
            a.AuthorId,
            answers.RootElement.Clone(),
            a.Scores,
            a.Replaces,
            a.SupersededBy,
            a.Response(),
            a.Version);
    }
}
