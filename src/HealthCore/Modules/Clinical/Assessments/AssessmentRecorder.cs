using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using HealthCore.Platform.Http;
using HealthCore.Platform.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace HealthCore.Modules.Clinical;

/// <param name="FormVersion">Defaults to the form's current version; answers are validated against the version named.</param>
/// <param name="Answers">A JSON object keyed by the form's field keys (see getAssessmentForm).</param>
/// <param name="AuthoredAt">When the answers were gathered; defaults to now.</param>
internal sealed record RecordAssessmentRequest(
    [Required, StringLength(AssessmentConfiguration.FormKeyLength, MinimumLength = 1)] string FormKey,
    [Range(1, int.MaxValue)] int? FormVersion,
    JsonElement? Answers,
    [PlausibleInstant] DateTimeOffset? AuthoredAt);

/// <param name="Answers">The whole corrected set of answers, validated against the corrected assessment's form version.</param>
/// <param name="AuthoredAt">Defaults to the corrected assessment's.</param>
internal sealed record CorrectAssessmentRequest(JsonElement? Answers, [PlausibleInstant] DateTimeOffset? AuthoredAt);

/// <summary>
/// Validates answers against one form version and saves them with the scores it computes; a correction supersedes the
/// assessment it replaces in the same save.
/// </summary>
internal sealed class AssessmentRecorder(ClinicalDb db, FormCatalog forms, ICurrentTenant tenant, TimeProvider clock)
{
    public ClinicalDb Db => db;

    public FormCatalog Forms => forms;

    /// <summary>A new assessment of <paramref name="encounter"/>, or a correction that supersedes <paramref name="replaced"/> (tracked).</summary>
    public async Task<Results<Created<AssessmentResponse>, ValidationProblem, NotFoundProblem, ConflictProblem>> RecordAsync(
        Encounter encounter, FormDefinition form, JsonElement? answers, DateTimeOffset? authoredAt, Assessment? replaced, HttpContext http,
        CancellationToken cancellationToken)
    {
        var check = FormValidator.Validate(form, answers ?? default);
        if (!check.IsValid)
        {
            return FieldErrors.Invalid(check.Errors.ToDictionary());
        }

        var now = clock.GetUtcNow();
        var authored = authoredAt ?? replaced?.AuthoredAt ?? now;
        if (authored > now)
        {
            return FieldErrors.Invalid("authoredAt", "An assessment cannot be made in the future.");
        }

        var assessment = new Assessment
        {
            PatientId = encounter.PatientId,
            EncounterId = encounter.Id,
            FacilityId = encounter.FacilityId,
            FormKey = form.Key,
            FormVersion = form.Version,
            Status = AssessmentStatus.Completed,
            AuthoredAt = authored,
            RecordedAt = now,
            AuthorId = tenant.UserId,
            Answers = JsonSerializer.Serialize(answers!.Value),
            Scores = [.. check.Scores.Select(s => new AssessmentScore(s.Key, s.Total, s.Band.Code, s.Band.Label))],
            Replaces = replaced?.Id,
        };
        return await Corrections.SaveAsync(
            db, assessment, replaced, $"/api/v1/assessments/{assessment.Id}", AssessmentProblems.ChangedConcurrently(), AssessmentResponse.From, http,
            cancellationToken);
    }
}
