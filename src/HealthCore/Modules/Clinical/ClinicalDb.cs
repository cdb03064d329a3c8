using HealthCore.Modules.Clinical.Notes;
using HealthCore.Platform.Database;
using HealthCore.Platform.Security;
using Microsoft.EntityFrameworkCore;

namespace HealthCore.Modules.Clinical;

/// <summary>
/// The clinical record. Each entity brings its own <see cref="IEntityTypeConfiguration{TEntity}"/>; facility-owned
/// ones add a <see cref="FacilityScoped{TEntity}"/> line so users assigned to other facilities never see them.
/// </summary>
internal sealed class ClinicalDb(DbContextOptions<ClinicalDb> options, ICurrentTenant currentTenant) : ModuleDbContext(options, currentTenant)
{
    public const string SchemaName = "clinical";

    /// <summary>Longest free text of a reason (cancellation, entered in error, override).</summary>
    public const int ReasonLength = 1000;

    public override string Schema => SchemaName;

    public DbSet<Encounter> Encounters => Set<Encounter>();

    public DbSet<EncounterParticipant> EncounterParticipants => Set<EncounterParticipant>();

    public DbSet<EncounterStatusChange> EncounterStatusChanges => Set<EncounterStatusChange>();

    public DbSet<Diagnosis> Diagnoses => Set<Diagnosis>();
    public DbSet<Note> Notes => Set<Note>();
    public DbSet<VitalsObservation> VitalsObservations => Set<VitalsObservation>();
    public DbSet<Assessment> Assessments => Set<Assessment>();
    public DbSet<AllergyIntolerance> Allergies => Set<AllergyIntolerance>();
    public DbSet<Problem> Problems => Set<Problem>();

    protected override void ConfigureModule(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfiguration(new EncounterConfiguration());
        modelBuilder.ApplyConfiguration(new EncounterParticipantConfiguration());
        modelBuilder.ApplyConfiguration(new EncounterStatusChangeConfiguration());
        modelBuilder.ApplyConfiguration(new VitalsObservationConfiguration());
        FacilityScoped<Encounter>(modelBuilder);
        modelBuilder.ApplyConfiguration(new DiagnosisConfiguration());
        FacilityScoped<Diagnosis>(modelBuilder);
        NoteConfiguration.ApplyTo(modelBuilder);
        FacilityScoped<Note>(modelBuilder);
        modelBuilder.ApplyConfiguration(new AssessmentConfiguration());
        FacilityScoped<Assessment>(modelBuilder);
        AllergyConfiguration.ApplyTo(modelBuilder);
        ProblemConfiguration.ApplyTo(modelBuilder);
        modelBuilder.Entity<VitalsObservation>().HasQueryFilter(
            FacilityFilterName, v => AllFacilities || (v.FacilityId != null && CurrentFacilityIds.Contains(v.FacilityId.Value)));
        Timeline.TimelineIndexes.ApplyTo(modelBuilder);
    }

    private void FacilityScoped<TEntity>(ModelBuilder modelBuilder)
        where TEntity : class, IFacilityOwned =>
        modelBuilder.Entity<TEntity>().HasQueryFilter(FacilityFilterName, e => AllFacilities || CurrentFacilityIds.Contains(e.FacilityId));
}
