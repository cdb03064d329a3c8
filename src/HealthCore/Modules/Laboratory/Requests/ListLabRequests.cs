using HealthCore.Platform.Auditing;
using HealthCore.Platform.Http;
using HealthCore.Platform.Http.Paging;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace HealthCore.Modules.Laboratory;

/// <summary>
/// The laboratory's worklist: requests by stage, stat first (then asap, urgent, routine), oldest order first within a
/// priority, paged by that keyset so that each page is one bounded query the (tenant, status, priority rank, ordered
/// at) index serves. Specimens are left out (GET /lab/orders/{id} has them); a second query for the page's requests
/// awaiting collection finds those whose specimen was rejected.
/// </summary>
internal static class ListLabRequests
{
    public static async Task<Results<Ok<Page<LabRequestResponse>>, ValidationProblem>> Handle(
        [AsParameters] PageRequest page,
        string? status,
        string? priority,
        Guid? patientId,
        Guid? facilityId,
        LaboratoryDb db,
        CursorCodec cursors,
        HttpContext http,
        CancellationToken cancellationToken)
    {
        var invalidStatus = QueryEnum.TryParse<LabRequestStatus>(status, "status", out var statusFilter);
        var invalidPriority = QueryEnum.TryParse<LabPriority>(priority, "priority", out var priorityFilter);
        if ((invalidStatus ?? invalidPriority) is { } invalid)
        {
            return invalid;
        }

        var query = db.Requests.AsNoTracking();
        query = statusFilter is { } wanted
            ? query.Where(r => r.Status == wanted)
            : query.Where(r => r.Status != LabRequestStatus.Reported && r.Status != LabRequestStatus.Cancelled);
        if (priorityFilter is { } wantedPriority)
        {
            query = query.Where(r => r.Priority == wantedPriority);
        }

        if (patientId is { } patient)
        {
            query = query.Where(r => r.PatientId == patient);
        }

        if (facilityId is { } facility)
        {
            query = query.Where(r => r.FacilityId == facility);
        }

        if (page.Cursor is not null)
        {
            if (!cursors.TryDecode<WorklistPosition>(page.Cursor, out var after) || after is null)
            {
                return Paging.InvalidCursor();
            }

            var (rank, at, id) = (after.Rank, after.OrderedAt, after.Id);
            query = query.Where(r => r.PriorityRank > rank
                || (r.PriorityRank == rank && (r.OrderedAt > at || (r.OrderedAt == at && r.Id.CompareTo(id) > 0))));
        }

        var rows = await query.OrderBy(r => r.PriorityRank).ThenBy(r => r.OrderedAt).ThenBy(r => r.Id)
            .Take(page.EffectiveLimit + 1).Include(r => r.Items).ToListAsync(cancellationToken);
        var awaiting = rows.Take(page.EffectiveLimit).Where(r => r.Status == LabRequestStatus.AwaitingCollection).Select(r => r.Id).ToList();
        var rejected = awaiting.Count == 0
            ? []
            : (await db.Specimens.AsNoTracking().Where(s => awaiting.Contains(s.RequestId) && s.Status == SpecimenStatus.Rejected)
                .Select(s => s.ItemIds).ToListAsync(cancellationToken)).SelectMany(ids => ids).ToHashSet();

        var result = Paging.ToPage(rows, page.EffectiveLimit, r => cursors.Encode(new WorklistPosition(r.PriorityRank, r.OrderedAt, r.Id)),
            r => LabRequestResponse.From(r, rejected, specimens: null));

        // Each request says what is being looked for in a patient: the list is a read of each listed patient's record.
        await Task.WhenAll(result.Items.Select(r => r.PatientId).Distinct()
            .Select(listed => AuditReadConvention.RecordReadAsync(http, "Patient", listed.ToString())));
        return TypedResults.Ok(result);
    }

    private sealed record WorklistPosition(int Rank, DateTimeOffset OrderedAt, Guid Id);
}
