using HealthCore.Modules.Clinical.Summary;
using HealthCore.Platform.Http;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace HealthCore.Modules.Clinical;

internal static class GetEncounter
{
    public static async Task<Results<Ok<EncounterResponse>, NotFoundProblem>> Handle(
        Guid id, EncounterChanges changes, ClinicalSummaries summaries, IAuthorizationService authorization, HttpContext http,
        CancellationToken cancellationToken)
    {
        var encounter = await changes.Encounters.AsNoTracking().SingleOrDefaultAsync(e => e.Id == id, cancellationToken);
        if (encounter is null)
        {
            return NotFoundProblem.For("Encounter", id);
        }

        http.SetETag(encounter);
        var access = await ClinicalAccess.OfAsync(authorization, http.User);
        return TypedResults.Ok(EncounterResponse.From(encounter, access) with
        {
            Summary = access.ReadClinical ? await summaries.OfAsync(encounter, cancellationToken) : null,
        });
    }
}
