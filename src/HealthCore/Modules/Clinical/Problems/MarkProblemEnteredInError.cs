using HealthCore.Platform.Http;
using HealthCore.Platform.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace HealthCore.Modules.Clinical;

internal static class MarkProblemEnteredInError
{
    public static async Task<Results<Ok<ProblemResponse>, NotFoundProblem, ConflictProblem, PreconditionProblem>> Handle(
        Guid id, EncounterReasonRequest request, ClinicalDb db, ICurrentTenant tenant, TimeProvider clock, HttpContext http, CancellationToken cancellationToken)
    {
        if (await db.Problems.SingleOrDefaultAsync(p => p.Id == id, cancellationToken) is not { } problem)
        {
            return NotFoundProblem.For("Problem", id);
        }

        if (http.Request.Headers.IfMatch.Count > 0 && db.CheckIfMatch(http.Request, problem) is { } precondition)
        {
            return precondition;
        }

        if (problem.IsEnteredInError)
        {
            return ProblemRules.EnteredInError();
        }

        var reason = request.Reason.Trim();

        // FHIR: clinicalStatus SHALL be absent when verificationStatus is entered-in-error.
        problem.ClinicalStatus = null;
        problem.VerificationStatus = ConditionVerificationStatus.EnteredInError;
        problem.EnteredInErrorReason = reason;
        problem.UpdatedAt = clock.GetUtcNow();
        db.AuditAs(problem, RecordHistory.EnteredInError);
        db.AuditReason(reason);
        await ProblemRules.SaveAsync(db, problem, RecordHistory.EnteredInError, tenant.UserId, cancellationToken, reason);

        http.SetETag(problem);
        return TypedResults.Ok(ProblemResponse.From(problem));
    }
}
