using HealthCore.Platform.Database;
using HealthCore.Platform.Security;
using Microsoft.EntityFrameworkCore;

namespace HealthCore.Modules.Admissions;

internal sealed class AdmissionsDb(DbContextOptions<AdmissionsDb> options, ICurrentTenant currentTenant) : ModuleDbContext(options, currentTenant)
{
    public const string SchemaName = "admissions";

    /// <summary>Filter of the unique indexes that allow one open row: shared by the model and the migration so they agree.</summary>
    public const string OpenOccupancyFilter = "released_at IS NULL";

    public const string OpenAdmissionFilter = "closed_at IS NULL";

    public override string Schema => SchemaName;

    public DbSet<Ward> Wards => Set<Ward>();

    public DbSet<Bed> Beds => Set<Bed>();

    public DbSet<BedStatusChange> BedStatusChanges => Set<BedStatusChange>();

    public DbSet<Admission> Admissions => Set<Admission>();

    public DbSet<BedOccupancy> Occupancies => Set<BedOccupancy>();

    public DbSet<AdmissionEvent> Events => Set<AdmissionEvent>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        base.ConfigureConventions(configurationBuilder);
        configurationBuilder.Properties<WardType>().HaveConversion<string>().HaveMaxLength(32);
        configurationBuilder.Properties<GenderPolicy>().HaveConversion<string>().HaveMaxLength(32);
        configurationBuilder.Properties<BedType>().HaveConversion<string>().HaveMaxLength(32);
        configurationBuilder.Properties<BedStatus>().HaveConversion<string>().HaveMaxLength(32);
        configurationBuilder.Properties<AdmissionType>().HaveConversion<string>().HaveMaxLength(32);
        configurationBuilder.Properties<AcuityLevel>().HaveConversion<string>().HaveMaxLength(32);
        configurationBuilder.Properties<IsolationKind>().HaveConversion<string>().HaveMaxLength(32);
        configurationBuilder.Properties<AdmissionStatus>().HaveConversion<string>().HaveMaxLength(32);
        configurationBuilder.Properties<DischargeType>().HaveConversion<string>().HaveMaxLength(32);
        configurationBuilder.Properties<DischargeDisposition>().HaveConversion<string>().HaveMaxLength(32);
        configurationBuilder.Properties<AdmissionEventType>().HaveConversion<string>().HaveMaxLength(32);
    }

    protected override void ConfigureModule(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Ward>(ward =>
        {
            ward.ToTable("wards");
            ward.HasKey(w => w.Id);
            ward.Property(w => w.Name).HasMaxLength(200);
            ward.Property(w => w.Features).HasMaxLength(2000).HasJsonConversion();
            ward.HasIndex(w => new { w.TenantId, w.FacilityId, w.Name }).IsUnique();
            ward.HasQueryFilter(FacilityFilterName, w => AllFacilities || CurrentFacilityIds.Contains(w.FacilityId));
        });

        modelBuilder.Entity<Bed>(bed =>
        {
            bed.ToTable("beds");
            bed.HasKey(b => b.Id);
            bed.Property(b => b.Number).HasMaxLength(20);
            bed.Property(b => b.StatusReason).HasMaxLength(500);
            bed.HasIndex(b => new { b.WardId, b.Number }).IsUnique();
            bed.HasQueryFilter(FacilityFilterName, b => AllFacilities || Set<Ward>().Any(w => w.Id == b.WardId && CurrentFacilityIds.Contains(w.FacilityId)));
        });

        modelBuilder.Entity<BedStatusChange>(change =>
        {
            change.ToTable("bed_status_changes");
            change.HasKey(c => c.Id);
            change.Property(c => c.Reason).HasMaxLength(500);
            change.HasIndex(c => new { c.BedId, c.ChangedAt });
        });

        modelBuilder.Entity<Admission>(admission =>
        {
            admission.ToTable("admissions");
            admission.HasKey(a => a.Id);
            admission.Property(a => a.Reason).HasMaxLength(1000);
            admission.Property(a => a.Diagnosis).HasMaxLength(1000);
            admission.Property(a => a.DischargeSummary).HasMaxLength(4000);
            admission.Property(a => a.CancelReason).HasMaxLength(1000);
            admission.Ignore(a => a.IsOpen);
            admission.Ignore(a => a.DischargedAt);
            admission.HasIndex(a => a.PatientId);
            admission.HasIndex(a => a.PatientId, "ix_admissions_open_patient_id").IsUnique().HasFilter(OpenAdmissionFilter);
            admission.HasIndex(a => a.WardId);
            admission.HasIndex(a => a.AdmittedAt);
            admission.HasQueryFilter(FacilityFilterName, a => AllFacilities || (a.FacilityId != null && CurrentFacilityIds.Contains(a.FacilityId.Value)));
        });

        modelBuilder.Entity<BedOccupancy>(occupancy =>
        {
            occupancy.ToTable("bed_occupancies");
            occupancy.HasKey(o => o.Id);
            occupancy.HasIndex(o => o.BedId, "ix_bed_occupancies_open_bed_id").IsUnique().HasFilter(OpenOccupancyFilter);
            occupancy.HasIndex(o => o.AdmissionId, "ix_bed_occupancies_open_admission_id").IsUnique().HasFilter(OpenOccupancyFilter);
            occupancy.HasIndex(o => o.PatientId, "ix_bed_occupancies_open_patient_id").IsUnique().HasFilter(OpenOccupancyFilter);
        });

        modelBuilder.Entity<AdmissionEvent>(stream =>
        {
            stream.ToTable("admission_events");
            stream.HasKey(e => e.Id);
            stream.Property(e => e.Reason).HasMaxLength(1000);
            stream.Property(e => e.Details).HasMaxLength(8000);
            stream.HasIndex(e => new { e.AdmissionId, e.Sequence }).IsUnique();
            stream.HasIndex(e => new { e.PatientId, e.Type, e.OccurredAt });
        });
    }
}
