using HealthCore.Platform.Http;
using HealthCore.Platform.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace HealthCore.Modules.Clinical;

internal static class MarkAllergyEnteredInError
{
    public static Task<Results<Ok<AllergyResponse>, NotFoundProblem, ConflictProblem, PreconditionProblem>> Handle(
        Guid id, EncounterReasonRequest request, ClinicalDb db, ICurrentTenant tenant, TimeProvider clock, HttpContext http, CancellationToken cancellationToken) =>
        PatientRecordChanges.MarkEnteredInErrorAsync<AllergyIntolerance, AllergyResponse>(
            db, id, "Allergy", request, AllergyProblems.EnteredInError,
            (allergy, action, reason, token) => AllergyRules.SaveAsync(db, allergy, action, tenant.UserId, token, reason), clock, http, cancellationToken);
}
