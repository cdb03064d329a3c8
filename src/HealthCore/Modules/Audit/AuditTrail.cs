using HealthCore.Modules.Audit.Contracts;
using Microsoft.EntityFrameworkCore;

namespace HealthCore.Modules.Audit;

internal sealed class AuditTrail(AuditDb db) : IAuditTrail
{
    public async Task<IReadOnlyList<AuditEntry>> ForEntityAsync(
        string entityType, string entityId, Guid? beforeId, int limit, CancellationToken cancellationToken)
    {
        var chain = db.Chain;
        var query = db.Records.AsNoTracking().Where(r => r.TenantId == chain && r.EntityType == entityType && r.EntityId == entityId);
        if (beforeId is { } before)
        {
            query = query.Where(r => r.Id.CompareTo(before) < 0);
        }

        return await query.OrderByDescending(r => r.Id).Take(limit)
            .Select(r => new AuditEntry(r.Id, r.OccurredAt, r.ActorId, r.ActorName, r.Action, r.Changes, r.Reason, r.CorrelationId))
            .ToListAsync(cancellationToken);
    }
}
