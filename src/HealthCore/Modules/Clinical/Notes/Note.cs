using HealthCore.Platform.Auditing;
using HealthCore.Platform.Database;

namespace HealthCore.Modules.Clinical.Notes;

/// <summary>
/// A clinical note: FHIR R4 Composition (<c>encounter</c>, <c>subject</c>, <c>type</c> as a LOINC document code,
/// <c>title</c>, <c>author</c>, <c>section</c>) whose content lives in its <see cref="Versions"/>. The note row carries
/// what never changes (encounter, patient, type) and which version is current; its row version is the ETag, so every
/// edit, signature, amendment or co-signature of any version moves it.
/// </summary>
internal sealed class Note : ITenantOwned, IVersioned, IFacilityOwned
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid TenantId { get; set; }

    public int Version { get; set; }

    public Guid EncounterId { get; init; }

    public Guid PatientId { get; init; }

    /// <summary>The encounter's facility, so users of other facilities see its notes as little as the encounter.</summary>
    public Guid FacilityId { get; init; }

    public NoteType Type { get; init; }

    /// <summary>The number of the version clients read by default: the latest one, a draft or signed.</summary>
    public int CurrentVersion { get; set; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; set; }

    public List<NoteVersion> Versions { get; init; } = [];

    public NoteVersion Current => Versions.Single(v => v.Number == CurrentVersion);

    public static Note Draft(Encounter encounter, NoteType type, NoteContent content, NoteAuthor author, DateTimeOffset now)
    {
        var note = new Note
        {
            EncounterId = encounter.Id, PatientId = encounter.PatientId, FacilityId = encounter.FacilityId, Type = type, CurrentVersion = 1,
            CreatedAt = now, UpdatedAt = now,
        };
        note.Versions.Add(NoteVersion.Draft(note.Id, 1, content, author, now));
        return note;
    }

    /// <summary>Freezes the current draft with its signer, the time and the hash of its canonical content.</summary>
    public void SignCurrent(Guid signer, DateTimeOffset now)
    {
        var draft = Current;
        var amended = draft.PreviousVersionId is { } previous ? Versions.Single(v => v.Id == previous) : null;
        draft.ContentHash = NoteCanonicalContent.HashOf(this, draft, amended);
        draft.SignedBy = signer;
        draft.SignedAt = now;
        draft.UpdatedAt = now;
        UpdatedAt = now;
    }

    /// <summary>A new draft of the signed current version's content, by <paramref name="author"/>, for <paramref name="reason"/>.</summary>
    public NoteVersion Amend(NoteAuthor author, string reason, DateTimeOffset now)
    {
        var previous = Current;
        var draft = NoteVersion.Draft(Id, previous.Number + 1, new NoteContent(previous.Title, previous.Sections), author, now);
        draft.PreviousVersionId = previous.Id;
        draft.AmendmentReason = reason;
        Versions.Add(draft);
        CurrentVersion = draft.Number;
        UpdatedAt = now;
        return draft;
    }
}

/// <summary>
/// One version of a note's content. A draft changes only by its author; signing records the signer, the time and the
/// SHA-256 of its <see cref="NoteCanonicalContent"/>, after which the row never changes again: the database rejects any
/// UPDATE or DELETE of a signed row (a trigger on both providers), and a correction is a new version that amends it.
/// </summary>
internal sealed class NoteVersion : ITenantOwned
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid TenantId { get; set; }

    public Guid NoteId { get; init; }

    /// <summary>1 for the first draft; unique per note, so two racing amendments cannot both add the next one.</summary>
    public int Number { get; init; }

    public string Title { get; set; } = "";

    public List<NoteSection> Sections { get; set; } = [];

    /// <summary>The user who wrote this version, the only one who may edit and sign it.</summary>
    public Guid AuthorId { get; init; }

    /// <summary>The practitioner record linked to the author's user account, when there is one.</summary>
    public Guid? AuthorPractitionerId { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>The signed version this one amends; null for the first version.</summary>
    public Guid? PreviousVersionId { get; set; }

    /// <summary>Clinical content: why the signed version needed amending.</summary>
    public string? AmendmentReason { get; set; }

    public Guid? SignedBy { get; set; }

    public DateTimeOffset? SignedAt { get; set; }

    /// <summary>Lower-case hex SHA-256 of the canonical content at signing.</summary>
    public string? ContentHash { get; set; }

    public List<NoteCosignature> Cosignatures { get; init; } = [];

    public bool IsSigned => SignedAt is not null;

    public static NoteVersion Draft(Guid noteId, int number, NoteContent content, NoteAuthor author, DateTimeOffset now) => new()
    {
        NoteId = noteId, Number = number, Title = content.Title, Sections = [.. content.Sections], AuthorId = author.UserId,
        AuthorPractitionerId = author.PractitionerId, CreatedAt = now, UpdatedAt = now,
    };
}

/// <summary>
/// A countersignature of a signed version by someone other than its author (e.g. the consultant for a resident's note).
/// Append-only: a countersignature is a fact about the frozen version, so it lives beside it instead of changing it.
/// </summary>
[NotAudited]
internal sealed class NoteCosignature : ITenantOwned
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid TenantId { get; set; }

    public Guid NoteVersionId { get; init; }

    public Guid CosignerId { get; init; }

    public Guid? CosignerPractitionerId { get; init; }

    public DateTimeOffset CosignedAt { get; init; }
}

/// <summary>FHIR Composition.section: a titled block of narrative, kept in the order written.</summary>
internal sealed record NoteSection(string Title, string Text);

/// <summary>What a draft says: the part of a version its author edits.</summary>
internal sealed record NoteContent(string Title, IReadOnlyList<NoteSection> Sections);

/// <summary>The current user as a note's author: the user account, and the practitioner it is linked to if any.</summary>
internal sealed record NoteAuthor(Guid UserId, Guid? PractitionerId);
