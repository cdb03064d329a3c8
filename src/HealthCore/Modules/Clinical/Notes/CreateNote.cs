using System.ComponentModel.DataAnnotations;
using HealthCore.Modules.Practitioners.Contracts;
using HealthCore.Platform.Http;
using HealthCore.Platform.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace HealthCore.Modules.Clinical.Notes;

internal sealed record CreateNoteRequest(
    [Required] NoteType? Type,
    [Required, StringLength(NoteVersionConfiguration.TitleLength, MinimumLength = 1)] string? Title,
    [Required, MinLength(1), MaxLength(NoteRules.MaxSections)] IReadOnlyList<NoteSectionInput>? Sections)
{
    public NoteDraftInput Draft => new(Title, Sections);
}

internal static class CreateNote
{
    public static async Task<Results<Created<NoteResponse>, ValidationProblem, NotFoundProblem, ForbiddenProblem, ConflictProblem>> Handle(
        Guid id, CreateNoteRequest request, ClinicalDb db, ICurrentTenant tenant, IPractitionerDirectory practitioners, IAuthorizationService authorization,
        TimeProvider clock, HttpContext http, CancellationToken cancellationToken)
    {
        var encounter = await db.Encounters.AsNoTracking().SingleOrDefaultAsync(e => e.Id == id, cancellationToken);
        if (encounter is null)
        {
            return NotFoundProblem.For("Encounter", id);
        }

        var type = request.Type!.Value;
        if (await NoteRules.CheckTypeAsync(authorization, http, type) is { } forbidden)
        {
            return forbidden;
        }

        if (encounter.IsVoid)
        {
            return NoteProblems.EncounterVoid(encounter);
        }

        var author = await NoteRules.CurrentAuthorAsync(tenant, practitioners, cancellationToken);
        var note = Note.Draft(encounter, type, request.Draft.ToContent(), author, clock.GetUtcNow());
        db.Notes.Add(note);
        await db.SaveChangesAsync(cancellationToken);

        http.SetETag(note);
        return TypedResults.Created($"/api/v1/notes/{note.Id}", NoteResponse.From(note));
    }
}
