using System.ComponentModel.DataAnnotations;
using HealthCore.Platform.Http;
using Microsoft.AspNetCore.Http.HttpResults;

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
        Guid id, CreateNoteRequest request, NoteDrafts drafts, HttpContext http, CancellationToken cancellationToken)
    {
        var content = request.Draft.ToContent();
        return await drafts.DraftAsync(id, request.Type!.Value, (_, _) => Task.FromResult(content), http, cancellationToken);
    }
}
