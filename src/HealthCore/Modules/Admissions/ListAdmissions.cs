using HealthCore.Platform.Http.Paging;
using HealthCore.Platform.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace HealthCore.Modules.Admissions;

internal sealed record AdmissionSummary(
    Guid Id,
    Guid PatientId,
    AdmissionStatus Status,
    AdmissionType AdmissionType,
    AcuityLevel Acuity,
    Guid DepartmentId,
    Guid? BedId,
    Guid? WardId,
    DateTimeOffset AdmittedAt,
    DateTimeOffset? ClosedAt,
    int? LengthOfStayDays,
    int Version)
{
    public static AdmissionSummary From(Admission a) =>
        new(a.Id, a.PatientId, a.Status, a.Type, a.Acuity, a.DepartmentId, a.BedId, a.WardId, a.AdmittedAt, a.ClosedAt, a.LengthOfStayDays, a.Version);
}

internal sealed record AdmissionCursor(Guid Before);

internal static class ListAdmissions
{
    public static async Task<Results<Ok<Page<AdmissionSummary>>, ValidationProblem>> Handle(
        [AsParameters] PageRequest page,
        Guid? patientId,
        Guid? wardId,
        string? status,
        DateTimeOffset? from,
        DateTimeOffset? to,
        AdmissionsDb db,
        CursorCodec cursors,
        CancellationToken cancellationToken)
    {
        if (QueryEnum.TryParse<AdmissionStatus>(status, "status", out var statusFilter) is { } invalid)
        {
            return invalid;
        }

        if ((PlausibleDates.OutOfRange("from", from) ?? PlausibleDates.OutOfRange("to", to)) is { } outOfRange)
        {
            return outOfRange;
        }

        if (from is not null && to is not null && to <= from)
        {
            return FieldErrors.Invalid("to", "to must be after from.");
        }

        var query = db.Admissions.AsNoTracking().OrderByDescending(a => a.Id).AsQueryable();
        if (patientId is { } patient)
        {
            query = query.Where(a => a.PatientId == patient);
        }

        if (wardId is { } ward)
        {
            query = query.Where(a => a.WardId == ward);
        }

        if (statusFilter is { } wanted)
        {
            query = query.Where(a => a.Status == wanted);
        }

        if (from is { } start)
        {
            query = query.Where(a => a.AdmittedAt >= start);
        }

        if (to is { } end)
        {
            query = query.Where(a => a.AdmittedAt < end);
        }

        if (page.Cursor is not null)
        {
            if (!cursors.TryDecode<AdmissionCursor>(page.Cursor, out var position))
            {
                return Paging.InvalidCursor();
            }

            query = query.Where(a => a.Id.CompareTo(position!.Before) < 0);
        }

        var rows = await query.Take(page.EffectiveLimit + 1).ToListAsync(cancellationToken);
        return TypedResults.Ok(Paging.ToPage(rows, page.EffectiveLimit, a => cursors.Encode(new AdmissionCursor(a.Id)), AdmissionSummary.From));
    }
}
