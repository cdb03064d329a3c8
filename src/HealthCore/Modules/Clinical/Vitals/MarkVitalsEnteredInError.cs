using HealthCore.Platform.Http;
using HealthCore.Platform.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace HealthCore.Modules.Clinical;

internal static class MarkVitalsEnteredInError
{
    public static async Task<Results<Ok<VitalsResponse>, NotFoundProblem, ConflictProblem, PreconditionProblem>> Handle(
        Guid id, VitalsReasonRequest request, ClinicalDb db, ICurrentTenant tenant, TimeProvider clock, HttpContext http, CancellationToken cancellationToken) =>
        await EnteredInError.MarkAsync(
            db, await db.VitalsObservations.SingleOrDefaultAsync(v => v.Id == id, cancellationToken), NotFoundProblem.For("Vitals", id), request.Reason, tenant, clock,
            http, VitalsProblems.NotFinal, VitalsProblems.ChangedConcurrently(), VitalsResponse.From, cancellationToken);
}
