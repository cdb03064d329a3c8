namespace HealthCore.Modules.Audit.Contracts;

/// <summary>One audit record of an entity as other modules may show it (e.g. a patient's history).</summary>
/// <param name="Id">A version 7 guid: newer records have larger ids (order within one millisecond is arbitrary).</param>
/// <param name="Changes">JSON array of { field, before, after }, or null for events such as reads.</param>
internal sealed record AuditEntry(
    Guid Id,
    DateTimeOffset OccurredAt,
    Guid? ActorId,
    string? ActorName,
    string Action,
    string? Changes,
    string? Reason,
    string? CorrelationId);

/// <summary>Reads the current tenant's audit trail; the Audit module owns the tables.</summary>
internal interface IAuditTrail
{
    /// <summary>The records of one entity, newest first, with ids below <paramref name="beforeId"/> when given.</summary>
    Task<IReadOnlyList<AuditEntry>> ForEntityAsync(
        string entityType, string entityId, Guid? beforeId, int limit, CancellationToken cancellationToken);
}
