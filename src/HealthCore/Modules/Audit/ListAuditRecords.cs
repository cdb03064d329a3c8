using HealthCore.Platform.Auditing;
using HealthCore.Platform.Http.Paging;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace HealthCore.Modules.Audit;

/// <summary>Filters of the audit list; actor matches a user id or a username.</summary>
internal sealed record AuditFilter(string? Actor, string? EntityType, string? EntityId, string? Action, DateTimeOffset? From, DateTimeOffset? To);

internal sealed record AuditCursor(Guid Before);

internal static class ListAuditRecords
{
    public static async Task<Results<Ok<Page<AuditRecordResponse>>, ValidationProblem>> Handle(
        string? actor, string? entityType, string? entityId, string? action, DateTimeOffset? from, DateTimeOffset? to,
        [AsParameters] PageRequest page, AuditDb db, CursorCodec cursors, CancellationToken cancellationToken)
    {
        var query = Filtered(db, new AuditFilter(actor, entityType, entityId, action, from, to));
        if (page.Cursor is not null)
        {
            if (!cursors.TryDecode<AuditCursor>(page.Cursor, out var position))
            {
                return Paging.InvalidCursor();
            }

            var before = position!.Before;
            query = query.Where(r => r.Id.CompareTo(before) < 0);
        }

        var rows = await query.OrderByDescending(r => r.Id).Take(page.EffectiveLimit + 1).ToListAsync(cancellationToken);
        return TypedResults.Ok(Paging.ToPage(rows, page.EffectiveLimit, r => cursors.Encode(new AuditCursor(r.Id)), AuditRecordResponse.From));
    }

    /// <summary>The caller's log, narrowed by the filter; shared with the export.</summary>
    public static IQueryable<AuditRecord> Filtered(AuditDb db, AuditFilter filter)
    {
        var chain = db.Chain;
        var query = db.Records.AsNoTracking().Where(r => r.TenantId == chain);
        if (filter.Actor is { Length: > 0 } actor)
        {
            query = Guid.TryParse(actor, out var actorId)
                ? query.Where(r => r.ActorId == actorId)
                : query.Where(r => r.ActorName == actor);
        }

        if (filter.EntityType is { Length: > 0 } entityType)
        {
            query = query.Where(r => r.EntityType == entityType);
        }

        if (filter.EntityId is { Length: > 0 } entityId)
        {
            query = query.Where(r => r.EntityId == entityId);
        }

        if (filter.Action is { Length: > 0 } action)
        {
            query = query.Where(r => r.Action == action);
        }

        if (filter.From is { } from)
        {
            query = query.Where(r => r.OccurredAt >= from);
        }

        if (filter.To is { } to)
        {
            query = query.Where(r => r.OccurredAt < to);
        }

        return query;
    }
}
