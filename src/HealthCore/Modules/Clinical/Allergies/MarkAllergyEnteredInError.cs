using HealthCore.Platform.Http;
using HealthCore.Platform.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace HealthCore.Modules.Clinical;

internal static class MarkAllergyEnteredInError
{
    public static async Task<Results<Ok<AllergyResponse>, NotFoundProblem, ConflictProblem, PreconditionProblem>> Handle(
        Guid id, EncounterReasonRequest request, ClinicalDb db, ICurrentTenant tenant, TimeProvider clock, HttpContext http, CancellationToken cancellationToken)
    {
        if (await db.Allergies.SingleOrDefaultAsync(a => a.Id == id, cancellationToken) is not { } allergy)
        {
            return NotFoundProblem.For("Allergy", id);
        }

        if (http.Request.Headers.IfMatch.Count > 0 && db.CheckIfMatch(http.Request, allergy) is { } precondition)
        {
            return precondition;
        }

        if (allergy.IsEnteredInError)
        {
            return AllergyProblems.EnteredInError();
        }

        var reason = request.Reason.Trim();

        // FHIR: clinicalStatus SHALL be absent when verificationStatus is entered-in-error.
        allergy.ClinicalStatus = null;
        allergy.VerificationStatus = AllergyVerificationStatus.EnteredInError;
        allergy.EnteredInErrorReason = reason;
        allergy.UpdatedAt = clock.GetUtcNow();
        db.AuditAs(allergy, RecordHistory.EnteredInError);
        db.AuditReason(reason);
        await AllergyRules.SaveAsync(db, allergy, RecordHistory.EnteredInError, tenant.UserId, cancellationToken, reason);

        http.SetETag(allergy);
        return TypedResults.Ok(AllergyResponse.From(allergy));
    }
}
