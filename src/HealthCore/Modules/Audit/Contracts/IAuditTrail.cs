namespace HealthCore.Modules.Audit.Contracts;

/// <summary>One audit record of an entity as other modules may show it (e.g. a patient's history).</summary>
/// <param name="Sequence">Position in the tenant's chain; newer records have larger numbers.</param>
/// <param name="Changes">JSON array of { field, before, after }, or null for events such as reads.</param>
internal sealed record AuditEntry(
    Guid Id,
    long Sequence,
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
    /// <summary>The records of one entity, newest first, older than <paramref name="beforeSequence"/> when given.</summary>
    Task<IReadOnlyList<AuditEntry>> ForEntityAsync(
        string entityType, string entityId, long? beforeSequence, int limit, CancellationToken cancellationToken);
}
