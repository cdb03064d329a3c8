using HealthCore.Platform.Auditing;
using HealthCore.Platform.Http;
using HealthCore.Platform.Http.Paging;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace HealthCore.Modules.Laboratory;

internal sealed record LabReportCursor(Guid Before);

internal static class ListLabReports
{
    public static async Task<Results<Ok<Page<LabReportResponse>>, ValidationProblem>> Handle(
        [AsParameters] PageRequest page, Guid? patientId, Guid? orderId, string? status, LaboratoryDb db, CursorCodec cursors, HttpContext http,
        CancellationToken cancellationToken)
    {
        if (QueryEnum.TryParse<LabReportStatus>(status, "status", out var wanted) is { } invalidStatus)
        {
            return invalidStatus;
        }

        var query = db.Reports.AsNoTracking().Include(r => r.Results).Where(r => r.IsCurrent);
        if (patientId is { } patient)
        {
            query = query.Where(r => r.PatientId == patient);
        }

        if (orderId is { } order)
        {
            query = query.Where(r => r.RequestId == order);
        }

        if (wanted is { } wantedStatus)
        {
            query = query.Where(r => r.Status == wantedStatus);
        }

        if (page.Cursor is not null)
        {
            if (!cursors.TryDecode<LabReportCursor>(page.Cursor, out var position))
            {
                return Paging.InvalidCursor();
            }

            query = query.Where(r => r.Id.CompareTo(position!.Before) < 0);
        }

        // Newest version first: a version 7 id orders by creation, and a correction is a new version.
        var rows = await query.OrderByDescending(r => r.Id).Take(page.EffectiveLimit + 1).ToListAsync(cancellationToken);
        var listed = Paging.ToPage(rows, page.EffectiveLimit, r => cursors.Encode(new LabReportCursor(r.Id)), LabReportResponse.From);

        // Results say what is wrong with a patient: the list is a read of each listed patient's record.
        await Task.WhenAll(listed.Items.Select(r => r.Subject).Distinct().Select(listedPatient => AuditReadConvention.RecordReadAsync(http, "Patient", listedPatient.ToString())));
        return TypedResults.Ok(listed);
    }
}
