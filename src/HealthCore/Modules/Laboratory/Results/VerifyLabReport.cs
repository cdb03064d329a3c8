using HealthCore.Platform.Http;
using HealthCore.Platform.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace HealthCore.Modules.Laboratory;

/// <summary>Releases a preliminary report as final: the second pair of eyes, so never by the user who entered the values.</summary>
internal static class VerifyLabReport
{
    public static async Task<Results<Ok<LabReportResponse>, NotFoundProblem, ConflictProblem, ForbiddenProblem, PreconditionProblem>> Handle(
        Guid id, LaboratoryDb db, LabRequestIntake intake, ICurrentTenant tenant, TimeProvider clock, HttpContext http, CancellationToken cancellationToken)
    {
        if (await CurrentAsync(db, id, cancellationToken) is not { } report || await intake.FindAsync(report.RequestId, cancellationToken) is not { } request)
        {
            return NotFoundProblem.For("Laboratory report", id);
        }

        if (LabReportTags.CheckIfMatch(http.Request, report) is { } precondition)
        {
            return precondition;
        }

        if (report.Status != LabReportStatus.Preliminary)
        {
            return LabReportProblems.NotPreliminary(report);
        }

        if (tenant.UserId is not { } verifier || verifier == report.EnteredBy)
        {
            return LabReportProblems.EntererVerifies();
        }

        var now = clock.GetUtcNow();
        report.Status = LabReportStatus.Final;
        LabRelease.Release(db, request, request.Items.Single(i => i.Id == report.ReportId), report, verifier, now);
        db.AuditAs(report, "verify");
        if (await LabReportProblems.SaveAsync(db, cancellationToken) is { } conflict)
        {
            return conflict;
        }

        http.SetETag(report);
        return TypedResults.Ok(LabReportResponse.From(report));
    }

    public static Task<LabReport?> CurrentAsync(LaboratoryDb db, Guid reportId, CancellationToken cancellationToken) =>
        db.Reports.Include(r => r.Results).SingleOrDefaultAsync(r => r.ReportId == reportId && r.IsCurrent, cancellationToken);
}
