namespace HealthCore.Platform.Auditing;

/// <summary>What a handler asked to add to the next SaveChanges' audit: custom verbs per entity and entity-less events.</summary>
internal sealed class PendingAudit
{
    private readonly Dictionary<object, string> actions = new(ReferenceEqualityComparer.Instance);
    private readonly List<AuditEvent> events = [];

    public IReadOnlyList<AuditEvent> Events => events;

    public void SetAction(object entity, string action) => actions[entity] = action;

    public string? ActionFor(object entity) => actions.GetValueOrDefault(entity);

    public void Add(AuditEvent auditEvent) => events.Add(auditEvent);

    public void Clear()
    {
        actions.Clear();
        events.Clear();
    }
}

internal sealed record AuditEvent(string Action, string EntityType, string? EntityId);
