using HealthCore.Platform.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace HealthCore.Modules.Clinical.Notes;

internal static class ReadNotes
{
    public static async Task<Results<Ok<NoteResponse>, NotFoundProblem>> Get(Guid id, ClinicalDb db, HttpContext http, CancellationToken cancellationToken)
    {
        if (await FindAsync(db, id, cancellationToken) is not { } note)
        {
            return NotFoundProblem.For("Note", id);
        }

        http.SetETag(note);
        return TypedResults.Ok(NoteResponse.From(note));
    }

    public static async Task<Results<Ok<NoteVersionsResponse>, NotFoundProblem>> Versions(
        Guid id, ClinicalDb db, HttpContext http, CancellationToken cancellationToken)
    {
        if (await FindAsync(db, id, cancellationToken) is not { } note)
        {
            return NotFoundProblem.For("Note", id);
        }

        http.SetETag(note);
        return TypedResults.Ok(NoteVersionsResponse.From(note));
    }

    /// <summary>The encounter's notes, oldest first, each with its current version.</summary>
    public static async Task<Results<Ok<EncounterNotesResponse>, NotFoundProblem>> OfEncounter(Guid id, ClinicalDb db, CancellationToken cancellationToken)
    {
        if (!await db.Encounters.AnyAsync(e => e.Id == id, cancellationToken))
        {
            return NotFoundProblem.For("Encounter", id);
        }

        var notes = await db.Notes.WithVersions().AsSplitQuery().AsNoTracking().Where(n => n.EncounterId == id)
            .OrderBy(n => n.CreatedAt).ThenBy(n => n.Id).ToListAsync(cancellationToken);
        return TypedResults.Ok(new EncounterNotesResponse(id, [.. notes.Select(NoteResponse.From)]));
    }

    private static Task<Note?> FindAsync(ClinicalDb db, Guid id, CancellationToken cancellationToken) =>
        db.Notes.WithVersions().AsSplitQuery().AsNoTracking().SingleOrDefaultAsync(n => n.Id == id, cancellationToken);
}
