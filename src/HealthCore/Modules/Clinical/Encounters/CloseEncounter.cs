using System.ComponentModel.DataAnnotations;
using HealthCore.Platform.Http;
using HealthCore.Platform.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace HealthCore.Modules.Clinical;

internal sealed record CloseOverride([Required, StringLength(ClinicalDb.ReasonLength, MinimumLength = 1)] string Reason);

/// <summary>An empty body closes against the department's requirements; <c>override</c> closes despite unmet ones where the department allows it.</summary>
internal sealed record CloseEncounterRequest(CloseOverride? Override);

internal static class CloseEncounter
{
    public static async Task<Results<Ok<EncounterResponse>, NotFoundProblem, ConflictProblem, PreconditionProblem, UnprocessableProblem>> Handle(
        Guid id, CloseEncounterRequest? request, EncounterChanges changes, CloseGate gate, ClinicalDb db, ICurrentTenant tenant,
        IAuthorizationService authorization, HttpContext http, CancellationToken cancellationToken)
    {
        var (encounter, missing, stale) = await ChangeEncounterStatus.LoadAsync(id, changes, http, cancellationToken);
        if (encounter is null)
        {
            return missing is null ? stale! : missing;
        }

        if (!EncounterTransitions.Allows(EncounterAction.Close, encounter.Status))
        {
            return EncounterProblems.IllegalTransition(encounter, EncounterAction.Close);
        }

        var check = await gate.CheckAsync(encounter, changes.Now, cancellationToken);
        var overrideReason = request?.Override?.Reason.Trim();
        List<string>? overridden = null;
        if (check.Unmet.Count > 0)
        {
            if (overrideReason is null || !check.OverrideAllowed)
            {
                return Unmet(check, overrideReason is not null);
            }

            overridden = [.. check.Unmet.Select(u => u.Requirement)];
            db.AuditAs(encounter, "close-override");
            db.AuditReason(overrideReason);
        }

        try
        {
            await changes.MoveAsync(encounter, EncounterAction.Close, changes.Now, tenant.UserId, cancellationToken, overridden is null ? null : overrideReason, overridden);
        }
        catch (DbUpdateConcurrencyException)
        {
            return EncounterProblems.ChangedConcurrently();
        }

        http.SetETag(encounter);
        return TypedResults.Ok(EncounterResponse.From(encounter, await ClinicalAccess.OfAsync(authorization, http.User)));
    }

    private static UnprocessableProblem Unmet(CloseCheck check, bool overrideRefused) =>
        new(
            overrideRefused
                ? "The department does not allow overriding its close requirements."
                : "The encounter does not meet its department's close requirements.",
            string.Join(" ", check.Unmet.Select(u => $"{u.Requirement}: {u.Reason}")),
            new Dictionary<string, object?>
            {
                ["rule"] = "encounter-close-requirements",
                ["unmet"] = check.Unmet,
                ["overrideAllowed"] = check.OverrideAllowed,
            });
}
