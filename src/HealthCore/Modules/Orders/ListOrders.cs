using HealthCore.Platform.Auditing;
using HealthCore.Platform.Http;
using HealthCore.Platform.Http.Paging;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace HealthCore.Modules.Orders;

internal static class ListOrders
{
    public static async Task<Results<Ok<Page<OrderResponse>>, ValidationProblem>> Handle(
        [AsParameters] PageRequest page,
        Guid? patientId,
        Guid? encounterId,
        string? status,
        string? category,
        string? priority,
        Guid? performerDepartmentId,
        OrdersDb db,
        CursorCodec cursors,
        HttpContext http,
        CancellationToken cancellationToken)
    {
        var invalidStatus = QueryEnum.TryParse<OrderStatus>(status, "status", out var statusFilter);
        var invalidCategory = QueryEnum.TryParse<OrderCategory>(category, "category", out var categoryFilter);
        var invalidPriority = QueryEnum.TryParse<OrderPriority>(priority, "priority", out var priorityFilter);
        if ((invalidStatus ?? invalidCategory ?? invalidPriority) is { } invalid)
        {
            return invalid;
        }

        var query = db.Orders.AsNoTracking().Include(o => o.Items).AsQueryable();
        if (patientId is { } patient)
        {
            query = query.Where(o => o.PatientId == patient);
        }

        if (encounterId is { } encounter)
        {
            query = query.Where(o => o.EncounterId == encounter);
        }

        if (statusFilter is { } wantedStatus)
        {
            query = query.Where(o => o.Status == wantedStatus);
        }

        if (categoryFilter is { } wantedCategory)
        {
            query = query.Where(o => o.Category == wantedCategory);
        }

        if (priorityFilter is { } wantedPriority)
        {
            query = query.Where(o => o.Priority == wantedPriority);
        }

        if (performerDepartmentId is { } department)
        {
            query = query.Where(o => o.PerformerDepartmentId == department);
        }

        var result = await KeysetPaging.ByGuidAsync(query, o => o.Id, page, cursors, OrderResponse.From, cancellationToken);
        if (result.Result is Ok<Page<OrderResponse>> { Value: { } listed })
        {
            // Orders say what is wrong with a patient: the list is a read of each listed patient's record.
            await Task.WhenAll(listed.Items.Select(o => o.PatientId).Distinct()
                .Select(listedPatient => AuditReadConvention.RecordReadAsync(http, "Patient", listedPatient.ToString())));
        }

        return result;
    }
}
