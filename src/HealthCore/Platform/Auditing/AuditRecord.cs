using Microsoft.EntityFrameworkCore;

namespace HealthCore.Platform.Auditing;

/// <summary>
/// One entry of a tenant's append-only audit log. Every module's DbContext maps it (excluded from that module's
/// migrations) so the record is inserted by the same SaveChanges, in the same transaction, as the change; nothing
/// else is read or locked on the way. The Audit module owns the table, seals records into per-tenant Merkle trees
/// in the background and serves proofs.
/// </summary>
[NotAudited]
internal sealed class AuditRecord
{
    public const string Schema = "audit";

    public const int MaxReasonLength = 500;

    /// <summary>Canonical form of the linear hash chain (sequence and previousHash); only migrated records have it.</summary>
    public const int LegacyChainFormat = 1;

    /// <summary>Canonical form of records sealed into a Merkle tree: no position at insert time.</summary>
    public const int LogFormat = 2;

    /// <summary>The log of writes made without a tenant (platform-level work).</summary>
    public static readonly Guid PlatformChain = Guid.Empty;

    public Guid Id { get; init; }

    public Guid TenantId { get; init; }

    /// <summary>Which canonical form <see cref="Hash"/> was computed over (see <see cref="AuditHash"/>).</summary>
    public int Format { get; init; } = LogFormat;

    /// <summary>Position in the frozen legacy chain; null for log records.</summary>
    public long? Sequence { get; init; }

    /// <summary>The database incarnation the record was written in (bumped after a restore), so xids of two incarnations are never compared.</summary>
    public int Epoch { get; init; }

    /// <summary>PostgreSQL: the writing transaction's id (pg_current_xact_id, a column default). Null on SQLite.</summary>
    public long? Xid { get; init; }

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

    /// <summary>The hash of the previous record of the legacy chain; null for log records.</summary>
    public string? PreviousHash { get; init; }

    public string Hash { get; set; } = "";

    /// <summary>
    /// The transaction id as a bigint: xid8 is 64-bit unsigned, but epoch-extended xids stay far below 2^63, and a
    /// bigint sorts and compares the same on every client.
    /// </summary>
    public const string XidDefaultSql = "(pg_current_xact_id())::text::bigint";

    /// <summary>Maps the trail into a module's model; only the Audit module's migrations create the tables.</summary>
    public static void Configure(ModelBuilder modelBuilder, bool ownedByThisModule, bool isSqlite)
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
            record.Property(r => r.Format).HasDefaultValue(LegacyChainFormat).ValueGeneratedNever();
            record.Property(r => r.Epoch).HasDefaultValue(1).ValueGeneratedNever();
            if (!isSqlite)
            {
                // Stamped by the database in the insert itself: no extra statement, no shared row.
                record.Property(r => r.Xid).HasDefaultValueSql(XidDefaultSql);
            }

            record.HasIndex(r => new { r.TenantId, r.Sequence }).IsUnique();
            record.HasIndex(r => new { r.TenantId, r.EntityType, r.EntityId });
            record.HasIndex(r => new { r.Epoch, r.Xid, r.Id });
        });
    }
}
