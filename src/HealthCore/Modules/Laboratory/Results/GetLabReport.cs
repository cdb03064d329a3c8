using HealthCore.Platform.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace HealthCore.Modules.Laboratory;

internal static class GetLabReport
{
    public static async Task<Results<Ok<LabReportResponse>, NotFoundProblem>> Handle(
        Guid id, int? version, LaboratoryDb db, HttpContext http, CancellationToken cancellationToken)
    {
        var report = await db.Reports.AsNoTracking().Include(r => r.Results)
            .SingleOrDefaultAsync(r => r.ReportId == id && (version == null ? r.IsCurrent : r.Version == version), cancellationToken);
        if (report is null)
        {
            return version is null ? NotFoundProblem.For("Laboratory report", id) : new NotFoundProblem("Report version not found.", $"Report '{id}' has no version {version}.");
        }

        http.SetETag(report);
        return TypedResults.Ok(LabReportResponse.From(report));
    }
}
