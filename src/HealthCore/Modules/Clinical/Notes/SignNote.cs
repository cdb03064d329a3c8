using HealthCore.Platform.Http;
using HealthCore.Platform.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace HealthCore.Modules.Clinical.Notes;

/// <summary>The author signs the current draft: it is frozen with the SHA-256 of its canonical content.</summary>
internal static class SignNote
{
    public static async Task<Results<Ok<NoteResponse>, NotFoundProblem, ForbiddenProblem, ConflictProblem, PreconditionProblem>> Handle(
        Guid id, ClinicalDb db, ICurrentTenant tenant, TimeProvider clock, HttpContext http, CancellationToken cancellationToken)
    {
        var (note, missing, stale) = await NoteRules.LoadAsync(db, id, http, ifMatchRequired: false, cancellationToken);
        if (note is null)
        {
            return missing is null ? stale! : missing;
        }

        var draft = note.Current;
        if (draft.IsSigned)
        {
            return NoteProblems.Signed(note);
        }

        if (draft.AuthorId != tenant.UserId)
        {
            return NoteProblems.NotAuthor;
        }

        note.SignCurrent(draft.AuthorId, clock.GetUtcNow());
        db.AuditAs(note, "sign");
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return NoteProblems.ChangedConcurrently();
        }

        http.SetETag(note);
        return TypedResults.Ok(NoteResponse.From(note));
    }
}
