using HealthCore.Platform.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace HealthCore.Modules.Laboratory;

internal sealed record LabReportVersions(Guid Id, int CurrentVersion, IReadOnlyList<LabReportResponse> Versions);

internal static class ListLabReportVersions
{
    public static async Task<Results<Ok<LabReportVersions>, NotFoundProblem>> Handle(Guid id, LaboratoryDb db, CancellationToken cancellationToken)
    {
        var versions = await db.Reports.AsNoTracking().Include(r => r.Results).Where(r => r.ReportId == id)
            .OrderByDescending(r => r.Version).ToListAsync(cancellationToken);
        return versions.Count == 0
            ? NotFoundProblem.For("Laboratory report", id)
            : TypedResults.Ok(new LabReportVersions(id, versions.Single(v => v.IsCurrent).Version, [.. versions.Select(LabReportResponse.From)]));
    }
}
