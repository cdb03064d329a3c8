using HealthCore.Platform.Database;
using HealthCore.Platform.Security;
using Microsoft.EntityFrameworkCore;

namespace HealthCore.Modules.Practitioners;

internal sealed class PractitionersDb(DbContextOptions<PractitionersDb> options, ICurrentTenant currentTenant) : ModuleDbContext(options, currentTenant)
{
    public const string SchemaName = "practitioners";

    public override string Schema => SchemaName;

    public DbSet<Department> Departments => Set<Department>();

    public DbSet<DepartmentRule> DepartmentRules => Set<DepartmentRule>();

    public DbSet<Practitioner> Practitioners => Set<Practitioner>();

    public DbSet<Membership> Memberships => Set<Membership>();

    protected override void ConfigureModule(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Department>(department =>
        {
            department.ToTable("departments");
            department.HasKey(d => d.Id);
            department.Ignore(d => d.Capabilities);
            department.Property(d => d.Name).HasMaxLength(200);
            department.Property(d => d.Code).HasMaxLength(50);
            department.Property(d => d.Type).HasConversion<string>().HasMaxLength(20);
            department.Property(d => d.Specialty).HasMaxLength(100);
            department.Property(d => d.CapabilityCodes).HasMaxLength(500);
            department.Property(d => d.Phone).HasMaxLength(16);
            department.Property(d => d.Email).HasMaxLength(254);
            department.Property(d => d.SortName).HasMaxLength(250);
            department.HasIndex(d => new { d.TenantId, d.Code }).IsUnique();
            department.HasIndex(d => new { d.TenantId, d.SortName });
        });

        modelBuilder.Entity<DepartmentRule>(rule =>
        {
            rule.ToTable("department_rules");
            rule.HasKey(r => r.Id);
            rule.Property(r => r.Key).HasMaxLength(100);
            rule.HasOne<Department>().WithMany().HasForeignKey(r => r.DepartmentId).OnDelete(DeleteBehavior.Restrict);
            rule.HasIndex(r => new { r.DepartmentId, r.Key, r.EffectiveFrom }).IsUnique();
        });

        modelBuilder.Entity<Practitioner>(practitioner =>
        {
            practitioner.ToTable("practitioners");
            practitioner.HasKey(p => p.Id);
            practitioner.Ignore(p => p.DisplayName);
            practitioner.Property(p => p.Family).HasMaxLength(100);
            practitioner.Property(p => p.Given).HasJsonConversion();
            practitioner.Property(p => p.Prefix).HasJsonConversion();
            practitioner.Property(p => p.Suffix).HasJsonConversion();
            practitioner.Property(p => p.Role).HasConversion<string>().HasMaxLength(20);
            practitioner.Property(p => p.Specialties).HasJsonConversion();
            practitioner.Property(p => p.Licenses).HasJsonConversion();
            practitioner.Property(p => p.Credentials).HasJsonConversion();
            practitioner.Property(p => p.Phone).HasMaxLength(16);
            practitioner.Property(p => p.Email).HasMaxLength(254);
            practitioner.Property(p => p.SortName).HasMaxLength(700);
            practitioner.Property(p => p.SpecialtyCodes).HasMaxLength(2100);
            practitioner.HasMany(p => p.Memberships).WithOne().HasForeignKey(m => m.PractitionerId).OnDelete(DeleteBehavior.Cascade);
            practitioner.HasIndex(p => new { p.TenantId, p.UserId }).IsUnique();
            practitioner.HasIndex(p => new { p.TenantId, p.SortName });
        });

        modelBuilder.Entity<Membership>(membership =>
        {
            membership.ToTable("practitioner_memberships");
            membership.HasKey(m => m.Id);

            // Memberships join a tracked practitioner through its collection with their id already set: without this EF
            // would take them for existing rows and UPDATE them instead of inserting.
            membership.Property(m => m.Id).ValueGeneratedNever();
            membership.Property(m => m.Privileges).HasJsonConversion();
            membership.HasOne<Department>().WithMany().HasForeignKey(m => m.DepartmentId).OnDelete(DeleteBehavior.Restrict);
        });
    }
}
