using HealthCore.Modules.Identity.Contracts;
using HealthCore.Platform.Http;
using HealthCore.Platform.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace HealthCore.Modules.Laboratory;

internal sealed record EnterLabResultsRequest(Guid? ItemId, LabResultInput[]? Results, string? Comment = null);

/// <summary>
/// Enters the results of one received item as a preliminary report, or replaces the values of its preliminary report
/// (before verification). With the tenant's auto-verification on, a report of only normal results without delta
/// flags or comments is released at once.
/// </summary>
internal static class EnterLabResults
{
    public static async Task<Results<Created<LabReportResponse>, Ok<LabReportResponse>, ValidationProblem, NotFoundProblem, ConflictProblem, UnprocessableProblem>> Handle(
        Guid orderId, EnterLabResultsRequest request, LabRequestIntake intake, LabResultReader reader, LaboratoryDb db, ITenantSettings settings, ICurrentTenant tenant,
        TimeProvider clock, HttpContext http, CancellationToken cancellationToken)
    {
        if (request.ItemId is not { } itemId)
        {
            return FieldErrors.Invalid("itemId", "Give the order item the results are for.");
        }

        if (request.Comment is { Length: > LabReport.CommentLength })
        {
            return FieldErrors.Invalid("comment", $"At most {LabReport.CommentLength} characters.");
        }

        if (await intake.FindAsync(orderId, cancellationToken) is not { } labRequest)
        {
            return NotFoundProblem.For("Laboratory order", orderId);
        }

        if (labRequest.Items.SingleOrDefault(i => i.Id == itemId) is not { } item)
        {
            return new UnprocessableProblem(
                "No such item.", $"The order has no item '{itemId}'.",
                new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { ["itemId"] = ["The item must be one of the order's items."] } });
        }

        if (item.Status is not (LabItemStatus.Received or LabItemStatus.Preliminary))
        {
            return LabReportProblems.ItemNotReady(item);
        }

        var reading = await reader.ReadAsync(labRequest, item, request.Results, cancellationToken);
        if (reading.Invalid is { } invalid)
        {
            return invalid;
        }

        if (reading.Refused is { } refused)
        {
            return refused;
        }

        var now = clock.GetUtcNow();
        var report = await db.Reports.Include(r => r.Results).SingleOrDefaultAsync(r => r.ReportId == item.Id && r.IsCurrent, cancellationToken);
        var created = report is null;
        if (report is null)
        {
            report = LabReport.Of(labRequest, item, 1, LabReportStatus.Preliminary);
            db.Reports.Add(report);
            item.ResultedAt = now;
        }
        else
        {
            db.Results.RemoveRange(report.Results);
            report.Results.Clear();
        }

        report.Results.AddRange(reading.Results);
        report.EnteredBy = tenant.UserId;
        report.EnteredAt = now;
        report.Comment = string.IsNullOrWhiteSpace(request.Comment) ? null : request.Comment.Trim();
        item.Status = LabItemStatus.Preliminary;
        item.StatusChangedAt = now;
        labRequest.Settle(now);
        db.AuditAs(report, created ? "enter-results" : "re-enter-results");
        if (await AutoVerifiesAsync(settings, report, cancellationToken))
        {
            report.Status = LabReportStatus.Final;
            LabRelease.Release(db, labRequest, item, report, verifiedBy: null, now);
        }

        if (await LabReportProblems.SaveAsync(db, cancellationToken) is { } conflict)
        {
            return conflict;
        }

        http.SetETag(report);
        var response = LabReportResponse.From(report);
        return created ? TypedResults.Created($"{LabReportResponse.Path}/{report.ReportId}", response) : TypedResults.Ok(response);
    }

    private static async Task<bool> AutoVerifiesAsync(ITenantSettings settings, LabReport report, CancellationToken cancellationToken) =>
        report.Comment is null
        && report.Results.All(r => r is { Interpretation: LabResultInterpretation.Normal, DeltaFlag: false, Comment: null })
        && (await settings.GetAsync(cancellationToken)).Features.GetValueOrDefault(FeatureToggles.LabAutoVerification);
}
