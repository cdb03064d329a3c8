namespace HealthCore.Modules.Laboratory;

/// <summary>A specimen with its accession number (the barcode value) and where it stands.</summary>
/// <param name="ItemIds">The request items analysed from it (kept after a rejection, when they await recollection).</param>
internal sealed record SpecimenResponse(
    Guid Id,
    Guid OrderId,
    Guid PatientId,
    string Accession,
    SpecimenStatus Status,
    IReadOnlyList<Guid> ItemIds,
    string? Type,
    string? Container,
    string? Site,
    DateTimeOffset CollectedAt,
    Guid? CollectedBy,
    Guid? CollectorPractitionerId,
    string? Note,
    DateTimeOffset? ReceivedAt,
    Guid? ReceivedBy,
    string? Condition,
    SpecimenRejectionReason? RejectionReason,
    string? RejectionNote,
    DateTimeOffset? RejectedAt,
    Guid? RejectedBy,
    int Version)
{
    public static SpecimenResponse From(Specimen s) =>
        new(s.Id, s.RequestId, s.PatientId, s.Accession, s.Status, s.ItemIds, s.Type, s.Container, s.BodySite, s.CollectedAt, s.CollectedBy,
            s.CollectorPractitionerId, s.Note, s.ReceivedAt, s.ReceivedBy, s.Condition, s.RejectionReason, s.RejectionNote, s.RejectedAt, s.RejectedBy, s.Version);
}
