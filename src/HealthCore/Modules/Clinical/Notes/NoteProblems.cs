using HealthCore.Platform.Http;

namespace HealthCore.Modules.Clinical.Notes;

internal static class NoteProblems
{
    public static ConflictProblem Signed(Note note) =>
        new($"Version {note.CurrentVersion} of the note is signed.", "A signed version never changes; amend the note to write a new version.",
            Rule("note-signed", note));

    public static ConflictProblem NotSigned(Note note) =>
        new($"Version {note.CurrentVersion} of the note is a draft.", "Only a signed version can be amended or countersigned; its author signs it first.",
            Rule("note-not-signed", note));

    public static ConflictProblem AlreadyCosigned(Note note) =>
        new("You have already countersigned this version.", $"Version {note.CurrentVersion} carries your countersignature.", Rule("note-already-cosigned", note));

    public static ConflictProblem ChangedConcurrently() =>
        new("The note was changed at the same time.", "Another request changed the note first; read it again and retry.",
            new Dictionary<string, object?> { ["rule"] = "concurrent-change" });

    public static ConflictProblem EncounterVoid(Encounter encounter) =>
        new($"The encounter is {QueryEnum.Name(encounter.Status)}.", "Notes are written for encounters that took or take place, not cancelled ones or ones entered in error.",
            new Dictionary<string, object?> { ["rule"] = "encounter-void", ["currentStatus"] = QueryEnum.Name(encounter.Status) });

    public static ConflictProblem OnePerEncounter(NoteType type, Guid noteId, int currentVersion, bool signed) =>
        new($"The encounter already has a {QueryEnum.Name(type)} note.",
            signed
                ? "It is signed: amend it (POST /api/v1/notes/{id}/amend) to correct it."
                : "It is a draft: its author edits (PATCH /api/v1/notes/{id}) and signs it.",
            new Dictionary<string, object?>
            {
                ["rule"] = "note-one-per-encounter", ["noteId"] = noteId, ["currentVersion"] = currentVersion,
                ["noteStatus"] = QueryEnum.Name(signed ? NoteStatus.Signed : NoteStatus.Draft),
            });

    public static readonly ForbiddenProblem NotAuthor =
        new("Only the author of a draft edits and signs it.", "Ask its author, or amend the note once it is signed.");

    public static readonly ForbiddenProblem OwnVersion =
        new("A countersignature is someone else's.", "The author of a version cannot countersign it.");

    public static ForbiddenProblem TypeNotAllowed(NoteType type, string permission) =>
        new($"You may not write {QueryEnum.Name(type)} notes.", $"Writing them needs the permission {permission}.");

    private static Dictionary<string, object?> Rule(string rule, Note note) =>
        new() { ["rule"] = rule, ["currentVersion"] = note.CurrentVersion };
}
