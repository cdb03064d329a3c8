namespace HealthCore.Platform.Auditing;

/// <summary>What a handler asked to add to the next SaveChanges' audit: custom verbs per entity, entity-less events and a reason.</summary>
internal sealed class PendingAudit
{
    private readonly Dictionary<object, string> actions = new(ReferenceEqualityComparer.Instance);
    private readonly List<AuditEvent> events = [];

    public IReadOnlyList<AuditEvent> Events => events;

    /// <summary>Why the caller made the change (e.g. an X-Audit-Reason header); stored with every record of the save.</summary>
    public string? Reason { get; set; }

    public void SetAction(object entity, string action) => actions[entity] = action;

    public string? ActionFor(object entity) => actions.GetValueOrDefault(entity);

    public void Add(AuditEvent auditEvent) => events.Add(auditEvent);

    public void Clear()
    {
        actions.Clear();
        events.Clear();
        Reason = null;
    }
}

/// <summary>An audit record that is not an entity change; tenant, actor and time default to the saving request's.</summary>
internal sealed record AuditEvent(
    string Action, string EntityType, string? EntityId, Guid? TenantId = null, AuditActor? Actor = null, DateTimeOffset? OccurredAt = null);
