using HealthCore.Modules.Practitioners.Contracts;
using HealthCore.Platform.Database;
using HealthCore.Platform.Http;
using HealthCore.Platform.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace HealthCore.Modules.Clinical.Notes;

/// <summary>
/// The one way a note comes to be, whoever writes its first draft (the author through POST /notes, or a generator such
/// as the discharge summary's): the type's permission, an encounter that is not void, at most one discharge summary
/// per encounter, then version 1 authored by the caller.
/// </summary>
internal sealed class NoteDrafts(
    ClinicalDb db, ICurrentTenant tenant, IPractitionerDirectory practitioners, IAuthorizationService authorization, TimeProvider clock)
{
    /// <param name="compose">The content of version 1, called once every rule holds.</param>
    public async Task<Results<Created<NoteResponse>, ValidationProblem, NotFoundProblem, ForbiddenProblem, ConflictProblem>> DraftAsync(
        Guid encounterId, NoteType type, Func<Encounter, CancellationToken, Task<NoteContent>> compose, HttpContext http, CancellationToken cancellationToken)
    {
        var encounter = await db.Encounters.AsNoTracking().SingleOrDefaultAsync(e => e.Id == encounterId, cancellationToken);
        if (encounter is null)
        {
            return NotFoundProblem.For("Encounter", encounterId);
        }

        if (await NoteRules.CheckTypeAsync(authorization, http, type) is { } forbidden)
        {
            return forbidden;
        }

        if (encounter.IsVoid)
        {
            return NoteProblems.EncounterVoid(encounter);
        }

        if (await SoleNoteConflictAsync(encounter, type, cancellationToken) is { } existing)
        {
            return existing;
        }

        var author = await NoteRules.CurrentAuthorAsync(tenant, practitioners, cancellationToken);
        var note = Note.Draft(encounter, type, await compose(encounter, cancellationToken), author, clock.GetUtcNow());
        db.Notes.Add(note);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException exception) when (exception.IsUniqueViolation())
        {
            db.ChangeTracker.Clear();
            return await SoleNoteConflictAsync(encounter, type, cancellationToken) ?? NoteProblems.ChangedConcurrently();
        }

        http.SetETag(note);
        return TypedResults.Created($"/api/v1/notes/{note.Id}", NoteResponse.From(note));
    }

    /// <summary>A 409 naming the encounter's discharge summary when <paramref name="type"/> is one and the encounter has it.</summary>
    private async Task<ConflictProblem?> SoleNoteConflictAsync(Encounter encounter, NoteType type, CancellationToken cancellationToken)
    {
        if (!type.IsOnePerEncounter())
        {
            return null;
        }

        var existing = await db.Notes.AsNoTracking().Where(n => n.EncounterId == encounter.Id && n.Type == type)
            .Select(n => new { n.Id, n.CurrentVersion, Signed = n.Versions.Any(v => v.Number == n.CurrentVersion && v.SignedAt != null) })
            .FirstOrDefaultAsync(cancellationToken);
        return existing is null ? null : NoteProblems.OnePerEncounter(type, existing.Id, existing.CurrentVersion, existing.Signed);
    }
}
