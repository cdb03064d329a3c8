using HealthCore.Platform.Auditing;
using HealthCore.Platform.Database;
using HealthCore.Platform.Security;
using Microsoft.EntityFrameworkCore;

namespace HealthCore.Modules.Audit;

/// <summary>Owns the audit tables every module's DbContext appends to (see <see cref="AuditRecord"/>); reads them for the API.</summary>
internal sealed class AuditDb(DbContextOptions<AuditDb> options, ICurrentTenant currentTenant) : ModuleDbContext(options, currentTenant)
{
    public override string Schema => AuditRecord.Schema;

    public DbSet<AuditRecord> Records => Set<AuditRecord>();

    /// <summary>The chain this caller may see: its tenant's, or the platform chain for a principal without a tenant.</summary>
    public Guid Chain => CurrentTenantId ?? AuditRecord.PlatformChain;

    protected override bool OwnsAuditTrail => true;

    protected override void ConfigureModule(ModelBuilder modelBuilder)
    {
    }
}
