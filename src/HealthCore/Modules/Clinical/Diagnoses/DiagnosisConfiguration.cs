using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HealthCore.Modules.Clinical;

internal sealed class DiagnosisConfiguration : IEntityTypeConfiguration<Diagnosis>
{
    public const int CodeLength = 8;
    public const int DisplayLength = 300;

    public void Configure(EntityTypeBuilder<Diagnosis> diagnosis)
    {
        diagnosis.ToTable("diagnoses");
        diagnosis.HasKey(d => d.Id);
        diagnosis.Property(d => d.Code).HasMaxLength(CodeLength);
        diagnosis.Property(d => d.Display).HasMaxLength(DisplayLength);
        diagnosis.Property(d => d.Rank).HasConversion<string>().HasMaxLength(32);
        diagnosis.Property(d => d.ClinicalStatus).HasConversion<string>().HasMaxLength(32);
        diagnosis.Property(d => d.VerificationStatus).HasConversion<string>().HasMaxLength(32);
        diagnosis.Property(d => d.Note).HasMaxLength(Diagnosis.NoteLength);
        diagnosis.Property(d => d.EnteredInErrorReason).HasMaxLength(ClinicalDb.ReasonLength);
        diagnosis.Ignore(d => d.IsEnteredInError);
        diagnosis.Ignore(d => d.IsActiveAndStanding);
        diagnosis.HasOne<Encounter>().WithMany().HasForeignKey(d => d.EncounterId).OnDelete(DeleteBehavior.Restrict);
        diagnosis.HasIndex(d => d.EncounterId, "ix_diagnoses_standing_primary_encounter_id").IsUnique().HasFilter(Diagnosis.StandingPrimaryFilter);
        diagnosis.HasIndex(d => d.EncounterId);
        diagnosis.HasIndex(d => d.PatientId);
    }
}
