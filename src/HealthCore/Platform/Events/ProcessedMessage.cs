using HealthCore.Platform.Auditing;

namespace HealthCore.Platform.Events;

/// <summary>One handler's successful handling of one outbox message; the primary key makes redelivery harmless.</summary>
[NotAudited]
internal sealed class ProcessedMessage
{
    public Guid MessageId { get; init; }

    public required string Handler { get; init; }

    public DateTimeOffset ProcessedAt { get; init; }
}
