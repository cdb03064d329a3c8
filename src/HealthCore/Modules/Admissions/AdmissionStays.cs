using HealthCore.Modules.Admissions.Contracts;
using HealthCore.Platform.Http;
using Microsoft.EntityFrameworkCore;

namespace HealthCore.Modules.Admissions;

internal sealed class AdmissionStays(AdmissionsDb db) : IAdmissionStays
{
    public async Task<IReadOnlyList<AdmissionStay>> AdmittedAsync(DateTimeOffset from, DateTimeOffset to, int limit, CancellationToken cancellationToken)
    {
        var rows = await db.Admissions.AsNoTracking()
            .Where(a => a.Status != AdmissionStatus.Cancelled && a.AdmittedAt >= from && a.AdmittedAt < to)
            .OrderByDescending(a => a.AdmittedAt).ThenByDescending(a => a.Id)
            .Take(limit)
            .ToListAsync(cancellationToken);
        return [.. rows.Select(a => new AdmissionStay(
            a.Id, a.PatientId, a.DepartmentId, a.AdmittingPractitionerId, QueryEnum.Name(a.Type), a.AdmittedAt, a.DischargedAt))];
    }
}
