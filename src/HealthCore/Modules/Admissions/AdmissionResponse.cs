using Microsoft.EntityFrameworkCore;

namespace HealthCore.Modules.Admissions;

internal sealed record CurrentBed(Guid BedId, string BedNumber, Guid WardId, string WardName, DateTimeOffset Since);

internal sealed record TransferResponse(
    DateTimeOffset TransferredAt,
    Guid? FromBedId,
    Guid? FromWardId,
    Guid ToBedId,
    Guid ToWardId,
    Guid? FromDepartmentId,
    Guid? ToDepartmentId,
    string? Reason);

internal sealed record DischargeResponse(
    DateTimeOffset DischargedAt, DischargeType Type, DischargeDisposition? Disposition, string? Summary, int LengthOfStayDays, double LengthOfStayHours);

internal sealed record CancellationResponse(DateTimeOffset CancelledAt, string Reason);

internal sealed record AdmissionResponse(
    Guid Id,
    Guid PatientId,
    AdmissionStatus Status,
    AdmissionType AdmissionType,
    AcuityLevel Acuity,
    bool IsolationRequired,
    IsolationKind? IsolationKind,
    string Reason,
    string? Diagnosis,
    Guid AdmittingPractitionerId,
    Guid? AttendingPractitionerId,
    Guid DepartmentId,
    DateOnly? ExpectedDischargeDate,
    DateTimeOffset AdmittedAt,
    CurrentBed? CurrentBed,
    IReadOnlyList<TransferResponse> Transfers,
    DischargeResponse? Discharge,
    CancellationResponse? Cancellation,
    int Version,
    DateTimeOffset CreatedAt)
{
    /// <summary>The admission with its current bed and transfers as its event stream records them.</summary>
    public static async Task<AdmissionResponse> LoadAsync(AdmissionsDb db, Admission admission, CancellationToken cancellationToken)
    {
        var events = await db.Events.AsNoTracking()
            .Where(e => e.AdmissionId == admission.Id)
            .OrderBy(e => e.Sequence)
            .ToListAsync(cancellationToken);
        var timeline = AdmissionHistory.Replay(events).Single();
        CurrentBed? current = null;
        if (timeline.Stays is [.., { To: null } stay])
        {
            var bed = await db.Beds.AsNoTracking().Where(b => b.Id == stay.BedId).Select(b => b.Number).SingleAsync(cancellationToken);
            var ward = await db.Wards.AsNoTracking().Where(w => w.Id == stay.WardId).Select(w => w.Name).SingleAsync(cancellationToken);
            current = new CurrentBed(stay.BedId, bed, stay.WardId, ward, stay.From);
        }

        var transfers = events
            .Where(e => e.Type == AdmissionEventType.Transferred)
            .Select(e => new TransferResponse(e.OccurredAt, e.FromBedId, e.FromWardId, e.BedId!.Value, e.WardId!.Value, e.FromDepartmentId, e.DepartmentId, e.Reason))
            .ToList();
        var discharge = admission is { Status: AdmissionStatus.Discharged, ClosedAt: { } dischargedAt, DischargeType: { } type }
            ? new DischargeResponse(
                dischargedAt, type, admission.Disposition, admission.DischargeSummary, admission.LengthOfStayDays ?? 0,
                Math.Round((dischargedAt - admission.AdmittedAt).TotalHours, 2))
            : null;
        var cancellation = admission is { Status: AdmissionStatus.Cancelled, ClosedAt: { } cancelledAt }
            ? new CancellationResponse(cancelledAt, admission.CancelReason ?? "")
            : null;
        return new AdmissionResponse(
            admission.Id,
            admission.PatientId,
            admission.Status,
            admission.Type,
            admission.Acuity,
            admission.IsolationRequired,
            admission.IsolationKind,
            admission.Reason,
            admission.Diagnosis,
            admission.AdmittingPractitionerId,
            admission.AttendingPractitionerId,
            admission.DepartmentId,
            admission.ExpectedDischargeDate,
            admission.AdmittedAt,
            current,
            transfers,
            discharge,
            cancellation,
            admission.Version,
            admission.CreatedAt);
    }
}
