using HealthCore.Platform.Http;
using HealthCore.Platform.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace HealthCore.Modules.Clinical;

internal static class MarkAssessmentEnteredInError
{
    public static async Task<Results<Ok<AssessmentResponse>, NotFoundProblem, ConflictProblem, PreconditionProblem>> Handle(
        Guid id, EncounterReasonRequest request, ClinicalDb db, ICurrentTenant tenant, TimeProvider clock, HttpContext http, CancellationToken cancellationToken) =>
        await EnteredInError.MarkAsync(
            db, await db.Assessments.SingleOrDefaultAsync(a => a.Id == id, cancellationToken), NotFoundProblem.For("Assessment", id), request.Reason, tenant, clock,
            http, AssessmentProblems.NotCompleted, AssessmentProblems.ChangedConcurrently(), AssessmentResponse.From, cancellationToken);
}
