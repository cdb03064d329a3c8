using HealthCore.Platform.Database;
using HealthCore.Platform.Security;
using Microsoft.EntityFrameworkCore;

namespace HealthCore.Modules.Laboratory;

internal sealed class LaboratoryDb(DbContextOptions<LaboratoryDb> options, ICurrentTenant currentTenant) : ModuleDbContext(options, currentTenant)
{
    public const string SchemaName = "laboratory";
    public const int EnumLength = 16;
    public const int ShortJsonLength = 2000;

    public override string Schema => SchemaName;

    public DbSet<LabTest> Tests => Set<LabTest>();

    public DbSet<StarterCatalogLoad> StarterCatalogLoads => Set<StarterCatalogLoad>();

    protected override void ConfigureModule(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<LabTest>(test =>
        {
            test.ToTable("lab_tests");
            test.HasKey(t => t.Id);
            test.Property(t => t.Code).HasMaxLength(LabTest.CodeLength);
            test.Property(t => t.Display).HasMaxLength(LabTest.DisplayLength);
            test.Property(t => t.Kind).HasConversion<string>().HasMaxLength(EnumLength);
            test.Property(t => t.Synonyms).HasJsonConversion().HasMaxLength(LabTest.JsonLength);
            test.Property(t => t.SearchKey).HasMaxLength(LabTest.SearchKeyLength);
            test.Property(t => t.Specimen!).HasJsonConversion().HasMaxLength(ShortJsonLength);
            test.Property(t => t.Method).HasMaxLength(LabTest.TextLength);
            test.Property(t => t.ValueType).HasConversion<string>().HasMaxLength(EnumLength);
            test.Property(t => t.Unit).HasMaxLength(LabTest.UnitLength);
            test.Property(t => t.Answers).HasJsonConversion().HasMaxLength(LabTest.JsonLength);
            test.Property(t => t.Turnaround!).HasJsonConversion().HasMaxLength(ShortJsonLength);
            test.Property(t => t.PriceCode).HasMaxLength(LabTest.TextLength);
            test.Property(t => t.DeltaCheck!).HasJsonConversion().HasMaxLength(ShortJsonLength);
            test.Property(t => t.Members).HasJsonConversion().HasMaxLength(LabTest.JsonLength);
            test.Property(t => t.Ranges).HasJsonConversion().HasMaxLength(LabTest.JsonLength);
            test.HasIndex(t => new { t.TenantId, t.Code }).IsUnique();
        });

        modelBuilder.Entity<StarterCatalogLoad>(load =>
        {
            load.ToTable("lab_starter_catalog_loads");
            load.HasKey(l => new { l.TenantId, l.CatalogVersion });
        });
    }
}
