using HealthCore.Platform.Database;

namespace HealthCore.Modules.Admissions;

internal sealed class Admission : ITenantOwned, IVersioned
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid TenantId { get; set; }

    public int Version { get; set; }

    public Guid PatientId { get; init; }

    public Guid AdmittingPractitionerId { get; init; }

    public Guid? AttendingPractitionerId { get; set; }

    public Guid DepartmentId { get; set; }

    public required string Reason { get; init; }

    public string? Diagnosis { get; init; }

    public AdmissionType Type { get; init; }

    public AcuityLevel Acuity { get; set; }

    public bool IsolationRequired { get; set; }

    public IsolationKind? IsolationKind { get; set; }

    public DateOnly? ExpectedDischargeDate { get; init; }

    public AdmissionStatus Status { get; set; }

    public Guid? BedId { get; set; }

    public Guid? WardId { get; set; }

    /// <summary>
    /// The facility of the ward the patient is (or was last) in, or of the department while the admission waits for a
    /// bed: what facility scoping filters on. Null only for pending admissions recorded before it was kept.
    /// </summary>
    public Guid? FacilityId { get; set; }

    public DateTimeOffset AdmittedAt { get; init; }

    /// <summary>When the admission was discharged or cancelled; null while open. One open admission per patient is a unique index on this.</summary>
    public DateTimeOffset? ClosedAt { get; set; }

    public DischargeType? DischargeType { get; set; }

    public DischargeDisposition? Disposition { get; set; }

    public string? DischargeSummary { get; set; }

    /// <summary>Midnights between admission and discharge in the tenant's time zone (0 for a same-day stay).</summary>
    public int? LengthOfStayDays { get; set; }

    public string? CancelReason { get; set; }

    public int TransferCount { get; set; }

    /// <summary>The sequence number of the last event in the admission's stream.</summary>
    public int LastSequence { get; set; }

    /// <summary>When the last movement happened; later movements may not be dated before it.</summary>
    public DateTimeOffset LastMovementAt { get; set; }

    public DateTimeOffset CreatedAt { get; init; }

    public bool IsOpen => Status is AdmissionStatus.Pending or AdmissionStatus.Active;

    public DateTimeOffset? DischargedAt => Status == AdmissionStatus.Discharged ? ClosedAt : null;
}

/// <summary>
/// Who is in which bed. An open row (no <see cref="ReleasedAt"/>) per occupied bed, per admission and per patient is
/// enforced by unique partial indexes: the database, not a prior read, decides which of two racing requests wins a bed.
/// </summary>
internal sealed class BedOccupancy : ITenantOwned
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid TenantId { get; set; }

    public Guid BedId { get; init; }

    public Guid WardId { get; init; }

    public Guid AdmissionId { get; init; }

    public Guid PatientId { get; init; }

    public DateTimeOffset OccupiedAt { get; init; }

    public DateTimeOffset? ReleasedAt { get; set; }
}
