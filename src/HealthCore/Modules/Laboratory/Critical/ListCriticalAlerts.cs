using HealthCore.Platform.Auditing;
using HealthCore.Platform.Http;
using HealthCore.Platform.Http.Paging;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace HealthCore.Modules.Laboratory;

internal static class ListCriticalAlerts
{
    public static async Task<Results<Ok<Page<LabCriticalAlertResponse>>, ValidationProblem>> Handle(
        [AsParameters] PageRequest page,
        string? status,
        Guid? patientId,
        LaboratoryDb db,
        CursorCodec cursors,
        TimeProvider clock,
        HttpContext http,
        CancellationToken cancellationToken)
    {
        if (QueryEnum.TryParse<LabCriticalStatus>(status, "status", out var statusFilter) is { } invalid)
        {
            return invalid;
        }

        var query = db.CriticalAlerts.AsNoTracking();
        if (statusFilter is { } wanted)
        {
            query = query.Where(a => a.Status == wanted);
        }

        if (patientId is { } patient)
        {
            query = query.Where(a => a.PatientId == patient);
        }

        var now = clock.GetUtcNow();
        var result = await KeysetPaging.ByGuidAsync(query, a => a.Id, page, cursors, a => LabCriticalAlertResponse.From(a, now), cancellationToken);
        if (result.Result is Ok<Page<LabCriticalAlertResponse>> { Value: { } listed })
        {
            // A critical value is part of the patient's record: the list is a read of each listed patient's.
            await Task.WhenAll(listed.Items.Select(a => a.PatientId).Distinct()
                .Select(listedPatient => AuditReadConvention.RecordReadAsync(http, "Patient", listedPatient.ToString())));
        }

        return result;
    }
}
