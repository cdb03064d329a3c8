using HealthCore.Platform.Auditing;
using HealthCore.Platform.Database;
using HealthCore.Platform.Security;
using Microsoft.EntityFrameworkCore;

namespace HealthCore.Modules.Audit;

/// <summary>Owns the audit tables every module's DbContext appends to (see <see cref="AuditRecord"/>), the trees and checkpoints.</summary>
internal sealed class AuditDb(DbContextOptions<AuditDb> options, ICurrentTenant currentTenant) : ModuleDbContext(options, currentTenant)
{
    public override string Schema => AuditRecord.Schema;

    public DbSet<AuditRecord> Records => Set<AuditRecord>();

    public DbSet<AuditLeaf> Leaves => Set<AuditLeaf>();

    public DbSet<AuditTreeHead> TreeHeads => Set<AuditTreeHead>();

    public DbSet<AuditSealCursor> SealCursors => Set<AuditSealCursor>();

    public DbSet<AuditCheckpoint> Checkpoints => Set<AuditCheckpoint>();

    public DbSet<AuditChainHead> ChainHeads => Set<AuditChainHead>();

    /// <summary>The log this caller may see: its tenant's, or the platform log for a principal without a tenant.</summary>
    public Guid Chain => CurrentTenantId ?? AuditRecord.PlatformChain;

    protected override bool OwnsAuditTrail => true;

    protected override void ConfigureModule(ModelBuilder modelBuilder)
    {
        // Tenant keys include the platform log's Guid.Empty: a generated key would treat it as unset.
        modelBuilder.Entity<AuditChainHead>(head =>
        {
            head.ToTable("audit_chain_heads");
            head.HasKey(h => h.TenantId);
            head.Property(h => h.TenantId).ValueGeneratedNever();
            head.Property(h => h.LastHash).HasMaxLength(64);
        });

        modelBuilder.Entity<AuditLeaf>(leaf =>
        {
            leaf.ToTable("audit_leaves");
            leaf.HasKey(l => new { l.TenantId, l.LeafIndex });
            leaf.Property(l => l.TenantId).ValueGeneratedNever();
            leaf.Property(l => l.LeafIndex).ValueGeneratedNever();
            leaf.Property(l => l.LeafHash).HasMaxLength(64);

            // A record is sealed once: a second sealer's insert of the same record fails.
            leaf.HasIndex(l => l.RecordId).IsUnique();
        });

        modelBuilder.Entity<AuditTreeHead>(head =>
        {
            head.ToTable("audit_tree_heads");
            head.HasKey(h => h.TenantId);
            head.Property(h => h.TenantId).ValueGeneratedNever();
            head.Property(h => h.TreeSize).IsConcurrencyToken();
            head.Property(h => h.RootHash).HasMaxLength(64);
        });

        modelBuilder.Entity<AuditSealCursor>(cursor =>
        {
            cursor.ToTable("audit_seal_cursors");
            cursor.HasKey(c => c.Epoch);
            cursor.Property(c => c.Epoch).ValueGeneratedNever();
            cursor.Property(c => c.AfterXid).IsConcurrencyToken();
            cursor.Property(c => c.Reason).HasMaxLength(200);
        });

        modelBuilder.Entity<AuditCheckpoint>(checkpoint =>
        {
            checkpoint.ToTable("audit_checkpoints");
            checkpoint.HasKey(c => c.Id);
            checkpoint.Property(c => c.RootHash).HasMaxLength(64);
            checkpoint.Property(c => c.KeyId).HasMaxLength(100);
            checkpoint.Property(c => c.Signature).HasMaxLength(200);
            checkpoint.HasIndex(c => new { c.TenantId, c.TreeSize });
        });
    }
}
