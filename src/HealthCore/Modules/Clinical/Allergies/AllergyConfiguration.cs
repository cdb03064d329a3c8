using HealthCore.Platform.Database;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HealthCore.Modules.Clinical;

internal sealed class AllergyConfiguration : IEntityTypeConfiguration<AllergyIntolerance>
{
    public const int ReactionsLength = 20_000;

    public static void ApplyTo(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfiguration(new AllergyConfiguration());
        modelBuilder.Entity<RecordVersion<AllergyResponse>>(version => RecordVersion<AllergyResponse>.Configure(version, "allergy_versions"));
    }

    public void Configure(EntityTypeBuilder<AllergyIntolerance> allergy)
    {
        allergy.ToTable("allergies");
        allergy.HasKey(a => a.Id);
        allergy.Property(a => a.SubstanceSystem).HasMaxLength(ClinicalCode.SystemLength);
        allergy.Property(a => a.SubstanceCode).HasMaxLength(ClinicalCode.CodeLength);
        allergy.Property(a => a.SubstanceDisplay).HasMaxLength(ClinicalCode.DisplayLength);
        allergy.Property(a => a.Type).HasConversion<string>().HasMaxLength(32);
        allergy.Property(a => a.Category).HasConversion<string>().HasMaxLength(32);
        allergy.Property(a => a.Criticality).HasConversion<string>().HasMaxLength(32);
        allergy.Property(a => a.ClinicalStatus).HasConversion<string>().HasMaxLength(32);
        allergy.Property(a => a.VerificationStatus).HasConversion<string>().HasMaxLength(32);
        allergy.Property(a => a.Reactions).HasJsonConversion().HasMaxLength(ReactionsLength);
        allergy.Property(a => a.Note).HasMaxLength(AllergyIntolerance.NoteLength);
        allergy.Property(a => a.EnteredInErrorReason).HasMaxLength(ClinicalDb.ReasonLength);
        allergy.Ignore(a => a.Substance);
        allergy.Ignore(a => a.IsNoKnownAllergy);
        allergy.Ignore(a => a.IsEnteredInError);
        allergy.Ignore(a => a.IsStanding);
        allergy.HasIndex(a => a.PatientId);
        allergy.HasIndex(a => new { a.PatientId, a.SubstanceSystem, a.SubstanceCode }, "ix_allergies_standing_active_substance")
            .IsUnique().HasFilter(AllergyIntolerance.StandingActiveFilter);
    }
}
