using System.Text.Json;
using HealthCore.Platform.Http;
using HealthCore.Platform.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace HealthCore.Modules.Clinical.Notes;

/// <summary>The author edits the current draft (title and sections) with a JSON merge patch; a signed version answers 409.</summary>
internal static class UpdateNote
{
    public static async Task<Results<Ok<NoteResponse>, ValidationProblem, NotFoundProblem, ForbiddenProblem, ConflictProblem, PreconditionProblem>> Handle(
        Guid id, [FromBody] JsonElement patch, ClinicalDb db, MergePatch mergePatch, ICurrentTenant tenant, TimeProvider clock, HttpContext http,
        CancellationToken cancellationToken)
    {
        var (note, missing, stale) = await NoteRules.LoadAsync(db, id, http, ifMatchRequired: true, cancellationToken);
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

        var (input, problem) = mergePatch.Apply(NoteDraftInput.Of(draft), patch);
        if (problem is not null)
        {
            return problem;
        }

        var content = input!.ToContent();
        if (content.Title != draft.Title || !content.Sections.SequenceEqual(draft.Sections))
        {
            var now = clock.GetUtcNow();
            draft.Title = content.Title;
            draft.Sections = [.. content.Sections];
            draft.UpdatedAt = now;
            note.UpdatedAt = now;
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateConcurrencyException)
            {
                return NoteProblems.ChangedConcurrently();
            }
        }

        http.SetETag(note);
        return TypedResults.Ok(NoteResponse.From(note));
    }
}
