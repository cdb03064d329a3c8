using HealthCore.Platform.Http;
using HealthCore.Platform.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace HealthCore.Modules.Clinical;

internal static class MarkAssessmentEnteredInError
{
    public static async Task<Results<Ok<AssessmentResponse>, NotFoundProblem, ConflictProblem, PreconditionProblem>> Handle(
        Guid id, EncounterReasonRequest request, ClinicalDb db, ICurrentTenant tenant, TimeProvider clock, HttpContext http, CancellationToken cancellationToken)
    {
        var assessment = await db.Assessments.SingleOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (assessment is null)
        {
            return NotFoundProblem.For("Assessment", id);
        }

        if (http.Request.Headers.IfMatch.Count > 0 && db.CheckIfMatch(http.Request, assessment) is { } precondition)
        {
            return precondition;
        }

        var reason = request.Reason.Trim();
        if (!assessment.TryMarkEnteredInError(reason, clock.GetUtcNow(), tenant.UserId))
        {
            return AssessmentProblems.NotCompleted(assessment);
        }

        db.AuditAs(assessment, "entered-in-error");
        db.AuditReason(reason);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return AssessmentProblems.ChangedConcurrently();
        }

        http.SetETag(assessment);
        return TypedResults.Ok(AssessmentResponse.From(assessment));
    }
}
