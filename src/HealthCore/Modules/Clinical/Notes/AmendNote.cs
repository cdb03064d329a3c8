using System.ComponentModel.DataAnnotations;
using HealthCore.Modules.Practitioners.Contracts;
using HealthCore.Platform.Database;
using HealthCore.Platform.Http;
using HealthCore.Platform.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace HealthCore.Modules.Clinical.Notes;

internal sealed record AmendNoteRequest([Required, StringLength(ClinicalDb.ReasonLength, MinimumLength = 1)] string Reason);

/// <summary>
/// A correction of a signed note: a new draft version with the signed content, linked to it with the reason, which its
/// author (whoever amends) edits and signs. The signed version stays as it was.
/// </summary>
internal static class AmendNote
{
    public static async Task<Results<Created<NoteResponse>, ValidationProblem, NotFoundProblem, ForbiddenProblem, ConflictProblem, PreconditionProblem>> Handle(
        Guid id, AmendNoteRequest request, ClinicalDb db, ICurrentTenant tenant, IPractitionerDirectory practitioners, IAuthorizationService authorization,
        TimeProvider clock, HttpContext http, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.Reason))
        {
            return FieldErrors.Invalid("reason", "An amendment says why the signed version needs correcting.");
        }

        var (note, missing, stale) = await NoteRules.LoadAsync(db, id, http, ifMatchRequired: false, cancellationToken);
        if (note is null)
        {
            return missing is null ? stale! : missing;
        }

        if (await NoteRules.CheckTypeAsync(authorization, http, note.Type) is { } forbidden)
        {
            return forbidden;
        }

        if (!note.Current.IsSigned)
        {
            return NoteProblems.NotSigned(note);
        }

        var draft = note.Amend(await NoteRules.CurrentAuthorAsync(tenant, practitioners, cancellationToken), request.Reason.Trim(), clock.GetUtcNow());
        db.Add(draft);
        db.AuditAs(note, "amend");
        db.AuditReason(draft.AmendmentReason);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return NoteProblems.ChangedConcurrently();
        }
        catch (DbUpdateException exception) when (exception.IsUniqueViolation())
        {
            return NoteProblems.ChangedConcurrently();
        }

        http.SetETag(note);
        return TypedResults.Created($"/api/v1/notes/{note.Id}", NoteResponse.From(note));
    }
}
