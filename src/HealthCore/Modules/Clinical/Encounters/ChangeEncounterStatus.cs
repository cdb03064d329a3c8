using System.ComponentModel.DataAnnotations;
using HealthCore.Platform.Http;
using HealthCore.Platform.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace HealthCore.Modules.Clinical;

internal sealed record EncounterReasonRequest([Required, StringLength(ClinicalDb.ReasonLength, MinimumLength = 1)] string Reason);

/// <summary>arrive, triage, start-consultation, cancel and entered-in-error: one step each, 409 naming the current status otherwise.</summary>
internal static class ChangeEncounterStatus
{
    public static Task<Results<Ok<EncounterResponse>, NotFoundProblem, ConflictProblem, PreconditionProblem>> Arrive(
        Guid id, EncounterChanges changes, ICurrentTenant tenant, IAuthorizationService authorization, HttpContext http, CancellationToken cancellationToken) =>
        StepAsync(id, EncounterAction.Arrive, null, changes, tenant, authorization, http, cancellationToken);

    public static Task<Results<Ok<EncounterResponse>, NotFoundProblem, ConflictProblem, PreconditionProblem>> Triage(
        Guid id, EncounterChanges changes, ICurrentTenant tenant, IAuthorizationService authorization, HttpContext http, CancellationToken cancellationToken) =>
        StepAsync(id, EncounterAction.Triage, null, changes, tenant, authorization, http, cancellationToken);

    public static Task<Results<Ok<EncounterResponse>, NotFoundProblem, ConflictProblem, PreconditionProblem>> StartConsultation(
        Guid id, EncounterChanges changes, ICurrentTenant tenant, IAuthorizationService authorization, HttpContext http, CancellationToken cancellationToken) =>
        StepAsync(id, EncounterAction.StartConsultation, null, changes, tenant, authorization, http, cancellationToken);

    public static Task<Results<Ok<EncounterResponse>, NotFoundProblem, ConflictProblem, PreconditionProblem>> Cancel(
        Guid id, EncounterReasonRequest request, EncounterChanges changes, ICurrentTenant tenant, IAuthorizationService authorization, HttpContext http,
        CancellationToken cancellationToken) =>
        StepAsync(id, EncounterAction.Cancel, request.Reason.Trim(), changes, tenant, authorization, http, cancellationToken);

    public static Task<Results<Ok<EncounterResponse>, NotFoundProblem, ConflictProblem, PreconditionProblem>> MarkEnteredInError(
        Guid id, EncounterReasonRequest request, EncounterChanges changes, ICurrentTenant tenant, IAuthorizationService authorization, HttpContext http,
        CancellationToken cancellationToken) =>
        StepAsync(id, EncounterAction.MarkEnteredInError, request.Reason.Trim(), changes, tenant, authorization, http, cancellationToken);

    private static async Task<Results<Ok<EncounterResponse>, NotFoundProblem, ConflictProblem, PreconditionProblem>> StepAsync(
        Guid id, EncounterAction action, string? reason, EncounterChanges changes, ICurrentTenant tenant, IAuthorizationService authorization,
        HttpContext http, CancellationToken cancellationToken)
    {
        var (encounter, missing, stale) = await LoadAsync(id, changes, http, cancellationToken);
        if (encounter is null)
        {
            return missing is null ? stale! : missing;
        }

        if (!EncounterTransitions.Allows(action, encounter.Status))
        {
            return EncounterProblems.IllegalTransition(encounter, action);
        }

        try
        {
            await changes.MoveAsync(encounter, action, changes.Now, tenant.UserId, cancellationToken, reason);
        }
        catch (DbUpdateConcurrencyException)
        {
            return EncounterProblems.ChangedConcurrently();
        }

        http.SetETag(encounter);
        return TypedResults.Ok(EncounterResponse.From(encounter, await ClinicalAccess.OfAsync(authorization, http.User)));
    }

    /// <summary>The tracked encounter, or 404; with If-Match (optional on actions) also 412 when it is stale.</summary>
    public static async Task<(Encounter? Encounter, NotFoundProblem? Missing, PreconditionProblem? Stale)> LoadAsync(
        Guid id, EncounterChanges changes, HttpContext http, CancellationToken cancellationToken)
    {
        var encounter = await changes.Encounters.SingleOrDefaultAsync(e => e.Id == id, cancellationToken);
        if (encounter is null)
        {
            return (null, NotFoundProblem.For("Encounter", id), null);
        }

        return http.Request.Headers.IfMatch.Count > 0 && changes.CheckIfMatch(http.Request, encounter) is { } precondition
            ? (null, null, precondition)
            : (encounter, null, null);
    }
}
