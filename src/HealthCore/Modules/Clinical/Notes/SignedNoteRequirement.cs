using Microsoft.EntityFrameworkCore;

namespace HealthCore.Modules.Clinical.Notes;

/// <summary><c>note.signed</c>: the encounter has a note with at least one signed version (a pending amendment does not undo it).</summary>
internal sealed class SignedNoteRequirement(ClinicalDb db) : IEncounterCloseRequirement
{
    public string Key => "note.signed";

    public async Task<string?> UnmetAsync(Encounter encounter, CancellationToken cancellationToken) =>
        await db.Notes.Where(n => n.EncounterId == encounter.Id).SelectMany(n => n.Versions).AnyAsync(v => v.SignedAt != null, cancellationToken)
            ? null
            : "The encounter has no signed note: its author signs a note written for it.";
}
