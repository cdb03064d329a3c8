using System.ComponentModel.DataAnnotations;
using HealthCore.Modules.Identity.Contracts;
using HealthCore.Modules.Practitioners.Contracts;
using HealthCore.Platform.Http;
using HealthCore.Platform.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;

namespace HealthCore.Modules.Clinical.Notes;

internal sealed record NoteSectionInput(
    [Required, StringLength(NoteVersionConfiguration.TitleLength, MinimumLength = 1)] string? Title,
    [Required, StringLength(NoteRules.SectionTextLength, MinimumLength = 1)] string? Text);

/// <summary>What the author writes in a draft: POST takes it with the type, PATCH merges into it.</summary>
internal sealed record NoteDraftInput(
    [Required, StringLength(NoteVersionConfiguration.TitleLength, MinimumLength = 1)] string? Title,
    [Required, MinLength(1), MaxLength(NoteRules.MaxSections)] IReadOnlyList<NoteSectionInput>? Sections)
{
    public NoteContent ToContent() => new(Title!.Trim(), [.. Sections!.Select(s => new NoteSection(s.Title!.Trim(), s.Text!))]);

    public static NoteDraftInput Of(NoteVersion version) =>
        new(version.Title, [.. version.Sections.Select(s => new NoteSectionInput(s.Title, s.Text))]);
}

internal static class NoteRules
{
    public const int SectionTextLength = 20_000;
    public const int MaxSections = 50;

    /// <summary>Nursing notes are the nurses', every other kind the doctors'.</summary>
    public static async Task<ForbiddenProblem?> CheckTypeAsync(IAuthorizationService authorization, HttpContext http, NoteType type)
    {
        var permission = type == NoteType.Nursing ? Permissions.NotesWriteNursing : Permissions.NotesWriteMedical;
        return (await authorization.AuthorizeAsync(http.User, null, new PermissionRequirement(permission))).Succeeded
            ? null
            : NoteProblems.TypeNotAllowed(type, permission);
    }

    public static async Task<NoteAuthor> CurrentAuthorAsync(ICurrentTenant tenant, IPractitionerDirectory practitioners, CancellationToken cancellationToken)
    {
        var user = tenant.UserId ?? throw new InvalidOperationException("Writing a note needs a signed-in user.");
        return new NoteAuthor(user, await practitioners.PractitionerIdOfUserAsync(user, cancellationToken));
    }

    public static IQueryable<Note> WithVersions(this DbSet<Note> notes) => notes.Include(n => n.Versions).ThenInclude(v => v.Cosignatures);

    /// <summary>The tracked note, or 404; with If-Match (required for PATCH, optional on actions) also 428 or 412.</summary>
    public static async Task<(Note? Note, NotFoundProblem? Missing, PreconditionProblem? Stale)> LoadAsync(
        ClinicalDb db, Guid id, HttpContext http, bool ifMatchRequired, CancellationToken cancellationToken)
    {
        var note = await db.Notes.WithVersions().AsSplitQuery().SingleOrDefaultAsync(n => n.Id == id, cancellationToken);
        if (note is null)
        {
            return (null, NotFoundProblem.For("Note", id), null);
        }

        return (ifMatchRequired || http.Request.Headers.IfMatch.Count > 0) && db.CheckIfMatch(http.Request, note) is { } precondition
            ? (null, null, precondition)
            : (note, null, null);
    }
}
