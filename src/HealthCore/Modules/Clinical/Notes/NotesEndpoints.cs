using HealthCore.Modules.Identity.Contracts;
using HealthCore.Platform.Auditing;
using HealthCore.Platform.Http;
using HealthCore.Platform.OpenApi;

namespace HealthCore.Modules.Clinical.Notes;

internal static class NotesEndpoints
{
    public static RouteGroupBuilder MapNotes(this RouteGroupBuilder api)
    {
        var encounters = api.MapGroup("/encounters").WithTags("Clinical notes");
        encounters.MapPost("/{id:guid}/notes", CreateNote.Handle)
            .WithName("createNote")
            .WithSummary("Write a note for an encounter")
            .WithDescription("A draft (version 1) of a typed note with ordered sections, authored by you, for an encounter that is not cancelled or entered in error. Nursing notes need notes.write.nursing, the other types notes.write.medical. Accepts Idempotency-Key.")
            .WithRequestExample("""{"type":"progress","title":"Day 2 ward round","sections":[{"title":"Subjective","text":"Slept well, less breathless."},{"title":"Plan","text":"Continue antibiotics; review tomorrow."}]}""")
            .RequirePermission(Permissions.NotesWrite);
        encounters.MapGet("/{id:guid}/notes", ReadNotes.OfEncounter)
            .WithName("listEncounterNotes")
            .WithSummary("List an encounter's notes")
            .WithDescription("Every note of the encounter, oldest first, each with its current version (a draft or signed). The read is audited.")
            .RequirePermission(Permissions.ClinicalRead).AuditRead(nameof(Encounter));

        var notes = api.MapGroup("/notes").WithTags("Clinical notes");
        notes.MapGet("/{id:guid}", ReadNotes.Get)
            .WithName("getNote")
            .WithSummary("Get a note")
            .WithDescription("The note with its current version; the ETag is what PATCH and the actions take in If-Match. The read is audited.")
            .RequirePermission(Permissions.ClinicalRead).AuditRead(nameof(Note));
        notes.MapGet("/{id:guid}/versions", ReadNotes.Versions)
            .WithName("listNoteVersions")
            .WithSummary("List a note's versions")
            .WithDescription("Every version of the note, oldest first, signed ones with their signer, time and SHA-256 content hash, amendments with the version they amend and why. The read is audited.")
            .RequirePermission(Permissions.ClinicalRead).AuditRead(nameof(Note));
        notes.MapPatch("/{id:guid}", UpdateNote.Handle)
            .WithName("updateNote")
            .WithSummary("Edit a draft note")
            .WithDescription("Only the author edits the current version, and only while it is a draft: another user answers 403, a signed version 409 (amend it instead). Requires If-Match.")
            .RequirePermission(Permissions.NotesWrite).AcceptsMergePatch<NoteDraftInput>();
        notes.MapPost("/{id:guid}/sign", SignNote.Handle)
            .WithName("signNote")
            .WithSummary("Sign a draft note")
            .WithDescription("The author signs the current draft: it is frozen for good (the database rejects any change to a signed version) with the signer, the time and the lower-case hex SHA-256 of its canonical content (see NoteCanonicalContent). Honours If-Match when sent.")
            .RequirePermission(Permissions.NotesSign);
        notes.MapPost("/{id:guid}/amend", AmendNote.Handle)
            .WithName("amendNote")
            .WithSummary("Amend a signed note")
            .WithDescription("A new draft version with the signed content and the reason, linked to the signed version, which stays readable and unchanged. You author the new version: edit it and sign it. A draft answers 409. Honours If-Match when sent.")
            .WithRequestExample("""{"reason":"Wrong dose recorded in the plan"}""")
            .RequirePermission(Permissions.NotesWrite);
        notes.MapPost("/{id:guid}/cosign", CosignNote.Handle)
            .WithName("cosignNote")
            .WithSummary("Countersign a signed note")
            .WithDescription("Someone other than its author (e.g. the consultant for a resident) countersigns the signed current version; who and when are recorded beside it. A draft answers 409, its author 403. Honours If-Match when sent.")
            .RequirePermission(Permissions.NotesSign);
        return api;
    }
}
