using HealthCore.Platform.Http;
using HealthCore.Platform.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace HealthCore.Modules.Clinical;

internal static class MarkProblemEnteredInError
{
    public static Task<Results<Ok<ProblemResponse>, NotFoundProblem, ConflictProblem, PreconditionProblem>> Handle(
        Guid id, EncounterReasonRequest request, ClinicalDb db, ICurrentTenant tenant, TimeProvider clock, HttpContext http, CancellationToken cancellationToken) =>
        PatientRecordChanges.MarkEnteredInErrorAsync<Problem, ProblemResponse>(
            db, id, "Problem", request, ProblemRules.EnteredInError,
            (problem, action, reason, token) => ProblemRules.SaveAsync(db, problem, action, tenant.UserId, token, reason), clock, http, cancellationToken);
}
