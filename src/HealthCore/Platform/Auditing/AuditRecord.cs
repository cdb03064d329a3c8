using Microsoft.EntityFrameworkCore;

namespace HealthCore.Platform.Auditing;

/// <summary>
/// One entry of a tenant's append-only, hash-chained audit trail. Every module's DbContext maps it (excluded from
/// that module's migrations) so the record is inserted by the same SaveChanges, in the same transaction, as the change.
/// The Audit module owns the table and its migration.
/// </summary>
[NotAudited]
internal sealed class AuditRecord
{
    public const string Schema = "audit";

    public const int MaxReasonLength = 500;

    /// <summary>The chain of writes made without a tenant (platform-level work).</summary>
    public static readonly Guid PlatformChain = Guid.Empty;

    public Guid Id { get; init; }

    public Guid TenantId { get; init; }

    public long Sequence { get; init; }

    public DateTimeOffset OccurredAt { get; init; }

    public Guid? ActorId { get; init; }

    public string? ActorName { get; init; }

    public required string Action { get; init; }

    public required string EntityType { get; init; }

    public string? EntityId { get; init; }

    /// <summary>JSON array of { field, before, after }, kept as the exact text that was hashed.</summary>
    public string? Changes { get; init; }

    /// <summary>Why the change was made, when the caller said (X-Audit-Reason, a deactivation reason).</summary>
    public string? Reason { get; init; }

    public string? CorrelationId { get; init; }

    public string? ClientIp { get; init; }

    public string? UserAgent { get; init; }

    public required string PreviousHash { get; init; }

    public string Hash { get; set; } = "";

    /// <summary>Maps the trail into a module's model; only the Audit module's migrations create the tables.</summary>
    public static void Configure(ModelBuilder modelBuilder, bool ownedByThisModule)
    {
        modelBuilder.Entity<AuditRecord>(record =>
        {
            record.ToTable("audit_records", Schema, table =>
            {
                if (!ownedByThisModule)
                {
                    table.ExcludeFromMigrations();
                }
            });
            record.HasKey(r => r.Id);
            record.Property(r => r.ActorName).HasMaxLength(200);
            record.Property(r => r.Action).HasMaxLength(50);
            record.Property(r => r.EntityType).HasMaxLength(200);
            record.Property(r => r.EntityId).HasMaxLength(200);
            record.Property(r => r.Reason).HasMaxLength(MaxReasonLength);
            record.Property(r => r.CorrelationId).HasMaxLength(128);
            record.Property(r => r.ClientIp).HasMaxLength(64);
            record.Property(r => r.UserAgent).HasMaxLength(500);
            record.Property(r => r.PreviousHash).HasMaxLength(64);
            record.Property(r => r.Hash).HasMaxLength(64);

            // The database itself refuses a second record at the same position of a chain.
            record.HasIndex(r => new { r.TenantId, r.Sequence }).IsUnique();
            record.HasIndex(r => new { r.TenantId, r.EntityType, r.EntityId });
        });

        modelBuilder.Entity<AuditChainHead>(head =>
        {
            head.ToTable("audit_chain_heads", Schema, table =>
            {
                if (!ownedByThisModule)
                {
                    table.ExcludeFromMigrations();
                }
            });
            head.HasKey(h => h.TenantId);

            // The platform chain's key is Guid.Empty: a generated key would treat it as unset and insert a new head.
            head.Property(h => h.TenantId).ValueGeneratedNever();
            head.Property(h => h.LastHash).HasMaxLength(64);
        });
    }
}

/// <summary>The end of a tenant's chain; its row lock serialises appends to that chain.</summary>
[NotAudited]
internal sealed class AuditChainHead
{
    public Guid TenantId { get; init; }

    public long LastSequence { get; set; }

    public string LastHash { get; set; } = "";
}
