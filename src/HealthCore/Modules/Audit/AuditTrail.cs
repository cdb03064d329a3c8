using HealthCore.Modules.Audit.Contracts;
using Microsoft.EntityFrameworkCore;

namespace HealthCore.Modules.Audit;

internal sealed class AuditTrail(AuditDb db) : IAuditTrail
{
    public async Task<IReadOnlyList<AuditEntry>> ForEntityAsync(
        string entityType, string entityId, long? beforeSequence, int limit, CancellationToken cancellationToken)
    {
        var chain = db.Chain;
        var query = db.Records.AsNoTracking().Where(r => r.TenantId == chain && r.EntityType == entityType && r.EntityId == entityId);
        if (beforeSequence is { } before)
        {
            query = query.Where(r => r.Sequence < before);
        }

        return await query.OrderByDescending(r => r.Sequence).Take(limit)
            .Select(r => new AuditEntry(r.Id, r.Sequence, r.OccurredAt, r.ActorId, r.ActorName, r.Action, r.Changes, r.Reason, r.CorrelationId))
            .ToListAsync(cancellationToken);
    }
}
