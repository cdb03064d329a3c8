namespace HealthCore.Modules.Clinical.Notes;

internal enum NoteStatus
{
    Draft,
    Signed,
}

internal sealed record NoteTypeCode(string System, string Code);

internal sealed record NoteSignature(Guid SignerId, DateTimeOffset SignedAt, string ContentHash, string HashAlgorithm);

internal sealed record NoteCosignatureResponse(Guid CosignerId, Guid? CosignerPractitionerId, DateTimeOffset CosignedAt);

/// <summary>The signed version a version amends (by number) and why.</summary>
internal sealed record NoteAmendment(int Version, string Reason);

internal sealed record NoteVersionResponse(
    int Version,
    NoteStatus Status,
    string Title,
    IReadOnlyList<NoteSection> Sections,
    Guid AuthorId,
    Guid? AuthorPractitionerId,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    NoteAmendment? Amends,
    NoteSignature? Signature,
    IReadOnlyList<NoteCosignatureResponse> Cosignatures)
{
    public static NoteVersionResponse From(Note note, NoteVersion v) => new(
        v.Number,
        v.IsSigned ? NoteStatus.Signed : NoteStatus.Draft,
        v.Title,
        v.Sections,
        v.AuthorId,
        v.AuthorPractitionerId,
        v.CreatedAt,
        v.UpdatedAt,
        v.PreviousVersionId is { } previous ? new NoteAmendment(note.Versions.Single(p => p.Id == previous).Number, v.AmendmentReason!) : null,
        v.IsSigned ? new NoteSignature(v.SignedBy!.Value, v.SignedAt!.Value, v.ContentHash!, "SHA-256") : null,
        [.. v.Cosignatures.OrderBy(c => c.CosignedAt).ThenBy(c => c.Id).Select(c => new NoteCosignatureResponse(c.CosignerId, c.CosignerPractitionerId, c.CosignedAt))]);
}

/// <summary>A note as FHIR Composition-shaped JSON, with its current version. <c>revision</c> moves with every change to any of its versions and is its ETag.</summary>
internal sealed record NoteResponse(
    Guid Id,
    Guid EncounterId,
    Guid PatientId,
    NoteType Type,
    NoteTypeCode TypeCode,
    int VersionCount,
    NoteVersionResponse Current,
    DateTimeOffset CreatedAt,
    int Revision)
{
    public static NoteResponse From(Note n) => new(
        n.Id, n.EncounterId, n.PatientId, n.Type, new NoteTypeCode(NoteTypes.LoincSystem, n.Type.LoincCode()), n.Versions.Count,
        NoteVersionResponse.From(n, n.Current), n.CreatedAt, n.Version);
}

/// <summary>Every version of a note, oldest first.</summary>
internal sealed record NoteVersionsResponse(Guid NoteId, IReadOnlyList<NoteVersionResponse> Items)
{
    public static NoteVersionsResponse From(Note n) => new(n.Id, [.. n.Versions.OrderBy(v => v.Number).Select(v => NoteVersionResponse.From(n, v))]);
}

internal sealed record EncounterNotesResponse(Guid EncounterId, IReadOnlyList<NoteResponse> Items);
