using HealthCore.Platform.Auditing;
using HealthCore.Platform.Database;

namespace HealthCore.Modules.Admissions;

/// <summary>
/// One entry of an admission's append-only event stream, the source of truth for its history (transfers, census at a
/// past instant). <see cref="OccurredAt"/> is when it happened on the ward, <see cref="RecordedAt"/> when it was entered.
/// Rows are never updated; PostgreSQL rejects UPDATE and DELETE. Not audited separately: the admission change recorded
/// in the same save is, and the event carries its actor.
/// </summary>
[NotAudited]
internal sealed class AdmissionEvent : ITenantOwned
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid TenantId { get; set; }

    public Guid AdmissionId { get; init; }

    public int Sequence { get; init; }

    public AdmissionEventType Type { get; init; }

    public DateTimeOffset OccurredAt { get; init; }

    public DateTimeOffset RecordedAt { get; init; }

    public Guid? ActorId { get; init; }

    public Guid PatientId { get; init; }

    public Guid? BedId { get; init; }

    public Guid? WardId { get; init; }

    public Guid? DepartmentId { get; init; }

    public Guid? FromBedId { get; init; }

    public Guid? FromWardId { get; init; }

    public Guid? FromDepartmentId { get; init; }

    public BedStatus? BedStatusFrom { get; init; }

    public BedStatus? BedStatusTo { get; init; }

    public string? Reason { get; init; }

    /// <summary>Type-specific details as a JSON object (e.g. discharge type and length of stay).</summary>
    public string? Details { get; init; }
}
