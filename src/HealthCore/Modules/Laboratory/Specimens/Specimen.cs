using HealthCore.Platform.Auditing;
using HealthCore.Platform.Database;

namespace HealthCore.Modules.Laboratory;

/// <summary>
/// A specimen taken for items of a laboratory request, under its accession number (the barcode on the tube): collected,
/// then received in the laboratory, or rejected, which sends its items back for recollection under a new specimen.
/// </summary>
internal sealed class Specimen : ITenantOwned, IVersioned
{
    public const int TextLength = 200;
    public const int NoteLength = 1000;
    public const int AccessionLength = 32;

    public Guid Id { get; init; }

    public Guid TenantId { get; set; }

    public int Version { get; set; }

    public Guid RequestId { get; init; }

    public Guid PatientId { get; init; }

    public required string Accession { get; init; }

    /// <summary>The request items analysed from it; kept after a rejection, when the items no longer point here.</summary>
    public List<Guid> ItemIds { get; init; } = [];

    public string? Type { get; init; }

    public string? Container { get; init; }

    public string? BodySite { get; init; }

    public DateTimeOffset CollectedAt { get; init; }

    public Guid? CollectedBy { get; init; }

    /// <summary>The collector's practitioner record, when their user account has one.</summary>
    public Guid? CollectorPractitionerId { get; init; }

    public string? Note { get; init; }

    public SpecimenStatus Status { get; set; }

    public DateTimeOffset? ReceivedAt { get; set; }

    public Guid? ReceivedBy { get; set; }

    /// <summary>Free text from the bench, e.g. "satisfactory" or "slightly lipaemic".</summary>
    public string? Condition { get; set; }

    public SpecimenRejectionReason? RejectionReason { get; set; }

    public string? RejectionNote { get; set; }

    public DateTimeOffset? RejectedAt { get; set; }

    public Guid? RejectedBy { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}

internal enum SpecimenStatus
{
    Collected,
    Received,
    Rejected,
}

internal enum SpecimenRejectionReason
{
    Haemolysed,
    Clotted,
    Insufficient,
    Mislabelled,
    Contaminated,
    Other,
}

/// <summary>The last accession sequence issued in a tenant on one local day; incremented atomically, never decremented.</summary>
[NotAudited]
internal sealed class AccessionCounter
{
    public Guid TenantId { get; init; }

    public DateOnly Day { get; init; }

    public long LastValue { get; set; }
}
