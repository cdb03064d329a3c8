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

    public DbSet<LabRequest> Requests => Set<LabRequest>();

    public DbSet<LabRequestItem> RequestItems => Set<LabRequestItem>();

    public DbSet<Specimen> Specimens => Set<Specimen>();

    public DbSet<AccessionCounter> AccessionCounters => Set<AccessionCounter>();
    public DbSet<LabReport> Reports => Set<LabReport>();

    public DbSet<LabResult> Results => Set<LabResult>();

    public DbSet<LabCriticalAlert> CriticalAlerts => Set<LabCriticalAlert>();

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

        modelBuilder.Entity<LabRequest>(request =>
        {
            request.ToTable("lab_requests");
            request.HasKey(r => r.Id);
            request.Property(r => r.Id).ValueGeneratedNever();
            request.Property(r => r.Priority).HasConversion<string>().HasMaxLength(EnumLength);
            request.Property(r => r.Status).HasConversion<string>().HasMaxLength(32);
            request.Property(r => r.CancelReason).HasMaxLength(LabRequest.ReasonLength);
            request.HasMany(r => r.Items).WithOne().HasForeignKey(i => i.RequestId).OnDelete(DeleteBehavior.Restrict);
            request.HasIndex(r => new { r.TenantId, r.Status, r.PriorityRank, r.OrderedAt });
            request.HasIndex(r => new { r.PatientId, r.OrderedAt });
            request.HasQueryFilter(FacilityFilterName, r => AllFacilities || CurrentFacilityIds.Contains(r.FacilityId));
        });

        modelBuilder.Entity<LabRequestItem>(item =>
        {
            item.ToTable("lab_request_items");
            item.HasKey(i => i.Id);
            item.Property(i => i.Id).ValueGeneratedNever();
            item.Property(i => i.Code).HasMaxLength(LabTest.CodeLength);
            item.Property(i => i.Display).HasMaxLength(LabRequestItem.DisplayLength);
            item.Property(i => i.AnalyteCodes).HasJsonConversion().HasMaxLength(LabTest.JsonLength);
            item.Property(i => i.SpecimenType).HasMaxLength(LabTest.TextLength);
            item.Property(i => i.Container).HasMaxLength(LabTest.TextLength);
            item.Property(i => i.Status).HasConversion<string>().HasMaxLength(32);
            item.HasIndex(i => new { i.RequestId, i.Sequence }).IsUnique();
        });

        modelBuilder.Entity<Specimen>(specimen =>
        {
            specimen.ToTable("lab_specimens");
            specimen.HasKey(s => s.Id);
            specimen.Property(s => s.Id).ValueGeneratedNever();
            specimen.Property(s => s.Accession).HasMaxLength(Specimen.AccessionLength);
            specimen.Property(s => s.ItemIds).HasJsonConversion().HasMaxLength(LabTest.JsonLength);
            specimen.Property(s => s.Type).HasMaxLength(LabTest.TextLength);
            specimen.Property(s => s.Container).HasMaxLength(LabTest.TextLength);
            specimen.Property(s => s.BodySite).HasMaxLength(Specimen.TextLength);
            specimen.Property(s => s.Note).HasMaxLength(Specimen.NoteLength);
            specimen.Property(s => s.Status).HasConversion<string>().HasMaxLength(EnumLength);
            specimen.Property(s => s.Condition).HasMaxLength(Specimen.TextLength);
            specimen.Property(s => s.RejectionReason).HasConversion<string>().HasMaxLength(EnumLength);
            specimen.Property(s => s.RejectionNote).HasMaxLength(Specimen.NoteLength);
            specimen.HasIndex(s => new { s.TenantId, s.Accession }).IsUnique();
            specimen.HasIndex(s => s.RequestId);
        });

        modelBuilder.Entity<AccessionCounter>(counter =>
        {
            counter.ToTable("lab_accession_counters");
            counter.HasKey(c => new { c.TenantId, c.Day });
        });

        ConfigureResults(modelBuilder);
    }

    private void ConfigureResults(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<LabReport>(report =>
        {
            report.ToTable("lab_reports");
            report.HasKey(r => r.Id);
            report.Property(r => r.Id).ValueGeneratedNever();
            report.Property(r => r.Code).HasMaxLength(LabTest.CodeLength);
            report.Property(r => r.Display).HasMaxLength(LabRequestItem.DisplayLength);
            report.Property(r => r.Status).HasConversion<string>().HasMaxLength(EnumLength);
            report.Property(r => r.Comment).HasMaxLength(LabReport.CommentLength);
            report.Property(r => r.CorrectionReason).HasMaxLength(LabReport.CommentLength);
            report.HasMany(r => r.Results).WithOne().HasForeignKey(r => r.LabReportId).OnDelete(DeleteBehavior.Cascade);
            report.HasIndex(r => new { r.ReportId, r.Version }).IsUnique();
            report.HasIndex(r => new { r.PatientId, r.IsCurrent });
            report.HasIndex(r => r.RequestId);
            report.HasQueryFilter(FacilityFilterName, r => AllFacilities || CurrentFacilityIds.Contains(r.FacilityId));
        });

        modelBuilder.Entity<LabResult>(result =>
        {
            result.ToTable("lab_results");
            result.HasKey(r => r.Id);
            result.Property(r => r.Id).ValueGeneratedNever();
            result.Property(r => r.Code).HasMaxLength(LabTest.CodeLength);
            result.Property(r => r.Display).HasMaxLength(LabTest.DisplayLength);
            result.Property(r => r.ValueType).HasConversion<string>().HasMaxLength(EnumLength);
            result.Property(r => r.Quantity).HasPrecision(LabResult.Precision, LabResult.Scale);
            result.Property(r => r.Unit).HasMaxLength(LabTest.UnitLength);
            result.Property(r => r.CodedValue).HasMaxLength(LabTest.TextLength);
            result.Property(r => r.TextValue).HasMaxLength(LabResult.TextLength);
            result.Property(r => r.Numerator).HasPrecision(LabResult.Precision, LabResult.Scale);
            result.Property(r => r.Denominator).HasPrecision(LabResult.Precision, LabResult.Scale);
            result.Property(r => r.Interpretation).HasConversion<string>().HasMaxLength(EnumLength);
            result.Property(r => r.ReferenceRange!).HasJsonConversion().HasMaxLength(ShortJsonLength);
            result.Property(r => r.PreviousValue).HasPrecision(LabResult.Precision, LabResult.Scale);
            result.Property(r => r.Comment).HasMaxLength(LabResult.TextLength);
            result.HasIndex(r => new { r.LabReportId, r.Sequence }).IsUnique();
            result.HasIndex(r => r.Code);
        });

        modelBuilder.Entity<LabCriticalAlert>(alert =>
        {
            alert.ToTable("lab_critical_alerts");
            alert.HasKey(a => a.Id);
            alert.Property(a => a.Id).ValueGeneratedNever();
            alert.Property(a => a.Code).HasMaxLength(LabTest.CodeLength);
            alert.Property(a => a.Display).HasMaxLength(LabRequestItem.DisplayLength);
            alert.Property(a => a.Value).HasMaxLength(LabCriticalAlert.ValueLength);
            alert.Property(a => a.Unit).HasMaxLength(LabTest.UnitLength);
            alert.Property(a => a.Interpretation).HasMaxLength(EnumLength);
            alert.Property(a => a.ReferenceRange).HasMaxLength(LabCriticalAlert.TextLength);
            alert.Property(a => a.Status).HasConversion<string>().HasMaxLength(EnumLength);
            alert.Property(a => a.Escalations).HasJsonConversion().HasMaxLength(ShortJsonLength);
            alert.Property(a => a.AcknowledgementMethod).HasConversion<string>().HasMaxLength(EnumLength);
            alert.Property(a => a.ReadBack).HasMaxLength(LabCriticalAlert.ReadBackLength);
            alert.Property(a => a.CommunicatedTo).HasMaxLength(LabCriticalAlert.CommunicatedToLength);
            alert.HasIndex(a => new { a.TenantId, a.ResultId }).IsUnique();
            alert.HasIndex(a => new { a.Status, a.DueAt });
            alert.HasIndex(a => new { a.PatientId, a.ReleasedAt });
            alert.HasQueryFilter(FacilityFilterName, a => AllFacilities || CurrentFacilityIds.Contains(a.FacilityId));
        });
    }
}
