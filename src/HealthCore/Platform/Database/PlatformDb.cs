using HealthCore.Platform.Events;
using HealthCore.Platform.Http.Idempotency;
using HealthCore.Platform.Security;
using Microsoft.EntityFrameworkCore;

namespace HealthCore.Platform.Database;

/// <summary>Platform bookkeeping shared by every module: idempotency records and processed-message receipts.</summary>
internal sealed class PlatformDb(DbContextOptions<PlatformDb> options, ICurrentTenant currentTenant)
    : ModuleDbContext(options, currentTenant)
{
    public override string Schema => "platform";

    public DbSet<IdempotencyRecord> IdempotencyRecords => Set<IdempotencyRecord>();

    public DbSet<ProcessedMessage> ProcessedMessages => Set<ProcessedMessage>();

    protected override void ConfigureModule(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<IdempotencyRecord>(record =>
        {
            record.ToTable("idempotency_records");
            record.HasKey(r => new { r.Scope, r.Key });
            record.Property(r => r.Scope).HasMaxLength(IdempotencyRecord.MaxKeyLength);
            record.Property(r => r.Key).HasMaxLength(IdempotencyRecord.MaxKeyLength);
            record.Property(r => r.RequestHash).HasMaxLength(64);
            record.Property(r => r.ContentType).HasMaxLength(200);
            record.Property(r => r.Location).HasMaxLength(2000);
            record.HasIndex(r => r.ExpiresAt);
        });

        modelBuilder.Entity<ProcessedMessage>(processed =>
        {
            processed.ToTable("processed_messages");
            processed.HasKey(p => new { p.MessageId, p.Handler });
            processed.Property(p => p.Handler).HasMaxLength(300);
        });
    }
}
