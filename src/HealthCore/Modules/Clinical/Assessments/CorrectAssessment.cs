using HealthCore.Platform.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace HealthCore.Modules.Clinical;

internal static class CorrectAssessment
{
    public static async Task<Results<Created<AssessmentResponse>, ValidationProblem, NotFoundProblem, ConflictProblem, PreconditionProblem>> Handle(
        Guid id, CorrectAssessmentRequest request, AssessmentRecorder recorder, HttpContext http, CancellationToken cancellationToken)
    {
        var replaced = await recorder.Db.Assessments.SingleOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (replaced is null)
        {
            return NotFoundProblem.For("Assessment", id);
        }

        if (http.Request.Headers.IfMatch.Count > 0 && recorder.Db.CheckIfMatch(http.Request, replaced) is { } precondition)
        {
            return precondition;
        }

        if (replaced.Status != AssessmentStatus.Completed)
        {
            return AssessmentProblems.NotCompleted(replaced);
        }

        var encounter = await recorder.Db.Encounters.AsNoTracking().SingleAsync(e => e.Id == replaced.EncounterId, cancellationToken);
        if (encounter.IsVoid)
        {
            return AssessmentProblems.EncounterVoid(encounter);
        }

        // The version the original answers were given with, not the current one: a correction fixes what was answered.
        var form = recorder.Forms.Find(replaced.FormKey, replaced.FormVersion)
            ?? throw new InvalidOperationException($"Assessment {replaced.Id} was recorded with form {replaced.FormKey} version {replaced.FormVersion}, which is no longer shipped.");
        return (await recorder.RecordAsync(encounter, form, request.Answers, request.AuthoredAt, replaced, http, cancellationToken)).Result switch
        {
            Created<AssessmentResponse> created => created,
            ValidationProblem invalid => invalid,
            ConflictProblem conflict => conflict,
            var other => (NotFoundProblem)other,
        };
    }
}
