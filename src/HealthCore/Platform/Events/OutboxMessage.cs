using System.Text.Json;
using HealthCore.Platform.Auditing;
using HealthCore.Platform.Database;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HealthCore.Platform.Events;

/// <summary>An integration event waiting in its module's outbox, written in the same transaction as the change it reports.</summary>
[NotAudited]
internal sealed class OutboxMessage : ILeasedRow
{
    public const int MaxTypeLength = 300;

    public Guid Id { get; init; }

    public required string Type { get; init; }

    public required string Payload { get; init; }

    public Guid? TenantId { get; init; }

    public DateTimeOffset OccurredAt { get; init; }

    public DateTimeOffset NextAttemptAt { get; set; }

    public int Attempts { get; set; }

    public string? LastError { get; set; }

    public DateTimeOffset? LockedUntil { get; set; }

    public Guid? LockedBy { get; set; }

    public DateTimeOffset? ProcessedAt { get; set; }

    public DateTimeOffset? DeadLetteredAt { get; set; }

    public static string TableName(string schema) => $"{schema}_outbox";

    public static OutboxMessage For<TEvent>(TEvent integrationEvent, DateTimeOffset occurredAt, Guid? tenantId)
        where TEvent : class => new()
        {
            Id = Guid.CreateVersion7(),
            Type = EventTypeName.Of(typeof(TEvent)),
            Payload = JsonSerializer.Serialize(integrationEvent, EventSerialization.Options),
            TenantId = tenantId,
            OccurredAt = occurredAt,
            NextAttemptAt = occurredAt,
        };

    public static void Configure(EntityTypeBuilder<OutboxMessage> outbox, string schema)
    {
        outbox.ToTable(TableName(schema));
        outbox.HasKey(m => m.Id);
        outbox.Property(m => m.Type).HasMaxLength(MaxTypeLength);
        outbox.Property(m => m.LastError).HasMaxLength(2000);
        outbox.HasIndex(m => new { m.ProcessedAt, m.NextAttemptAt });
    }
}
