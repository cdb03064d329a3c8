using HealthCore.Platform.Http;
using HealthCore.Platform.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace HealthCore.Modules.Clinical;

internal static class MarkVitalsEnteredInError
{
    public static async Task<Results<Ok<VitalsResponse>, NotFoundProblem, ConflictProblem, PreconditionProblem>> Handle(
        Guid id, VitalsReasonRequest request, ClinicalDb db, ICurrentTenant tenant, TimeProvider clock, HttpContext http, CancellationToken cancellationToken)
    {
        var vitals = await db.VitalsObservations.SingleOrDefaultAsync(v => v.Id == id, cancellationToken);
        if (vitals is null)
        {
            return NotFoundProblem.For("Vitals", id);
        }

        if (http.Request.Headers.IfMatch.Count > 0 && db.CheckIfMatch(http.Request, vitals) is { } precondition)
        {
            return precondition;
        }

        var reason = request.Reason.Trim();
        if (!vitals.TryMarkEnteredInError(reason, clock.GetUtcNow(), tenant.UserId))
        {
            return VitalsProblems.NotFinal(vitals);
        }

        db.AuditAs(vitals, "entered-in-error");
        db.AuditReason(reason);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return VitalsProblems.ChangedConcurrently();
        }

        http.SetETag(vitals);
        return TypedResults.Ok(VitalsResponse.From(vitals));
    }
}
