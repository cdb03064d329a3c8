using System.Text.Json;
using HealthCore.Platform.Auditing;

namespace HealthCore.Modules.Audit;

internal sealed record AuditRecordResponse(
    Guid Id,
    int Format,
    long? Sequence,
    DateTimeOffset OccurredAt,
    Guid? ActorId,
    string? ActorName,
    string Action,
    string EntityType,
    string? EntityId,
    JsonElement? Changes,
    string? Reason,
    string? CorrelationId,
    string? ClientIp,
    string? UserAgent,
    string? PreviousHash,
    string Hash)
{
    public static AuditRecordResponse From(AuditRecord r) => new(
        r.Id, r.Format, r.Sequence, r.OccurredAt, r.ActorId, r.ActorName, r.Action, r.EntityType, r.EntityId,
        r.Changes is null ? null : JsonDocument.Parse(r.Changes).RootElement.Clone(),
        r.Reason, r.CorrelationId, r.ClientIp, r.UserAgent, r.PreviousHash, r.Hash);
}
