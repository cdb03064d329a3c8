using HealthCore.Modules.Laboratory.Contracts;
using HealthCore.Platform.Http;

namespace HealthCore.Modules.Laboratory;

/// <summary>
/// Releasing a report version (verified, auto-verified or corrected): it is issued, its item reaches Final (or
/// Corrected) and LabResultsReleased tells Orders, critical-value follow-up and the interfaces.
/// </summary>
internal static class LabRelease
{
    /// <summary>Releases the version and returns the LabResultsReleased it published.</summary>
    public static LabResultsReleased Release(LaboratoryDb db, LabRequest request, LabRequestItem item, LabReport report, Guid? verifiedBy, DateTimeOffset now)
    {
        report.VerifiedBy = verifiedBy;
        report.VerifiedAt = now;
        report.AutoVerified = verifiedBy is null;
        report.IssuedAt = now;
        item.Status = report.Status == LabReportStatus.Corrected ? LabItemStatus.Corrected : LabItemStatus.Final;
        item.VerifiedAt ??= now;
        item.StatusChangedAt = now;
        request.Settle(now);
        var released = new LabResultsReleased(
            request.Id, item.Id, report.ReportId, request.PatientId, request.EncounterId, report.Code, report.Display, QueryEnum.Name(report.Status), report.Version,
            [.. report.Results.OrderBy(r => r.Sequence).Select(r => new ReleasedObservation(
                r.Id, r.Code, r.Display, r.ValueText, r.Unit, r.Interpretation is { } i ? QueryEnum.Name(i) : null, r.IsCritical, r.ReferenceRange?.Text))],
            verifiedBy,
            now);
        db.Publish(released, now);
        return released;
    }
}
