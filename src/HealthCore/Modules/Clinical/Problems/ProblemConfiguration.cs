using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HealthCore.Modules.Clinical;

internal sealed class ProblemConfiguration : IEntityTypeConfiguration<Problem>
{
    public static void ApplyTo(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfiguration(new ProblemConfiguration());
        modelBuilder.Entity<RecordVersion<ProblemResponse>>(version => RecordVersion<ProblemResponse>.Configure(version, "problem_versions"));
    }

    public void Configure(EntityTypeBuilder<Problem> problem)
    {
        problem.ToTable("problems");
        problem.HasKey(p => p.Id);
        problem.Property(p => p.CodeSystem).HasMaxLength(ClinicalCode.SystemLength);
        problem.Property(p => p.Code).HasMaxLength(ClinicalCode.CodeLength);
        problem.Property(p => p.Display).HasMaxLength(ClinicalCode.DisplayLength);
        problem.Property(p => p.ClinicalStatus).HasConversion<string>().HasMaxLength(32);
        problem.Property(p => p.VerificationStatus).HasConversion<string>().HasMaxLength(32);
        problem.Property(p => p.Note).HasMaxLength(Problem.NoteLength);
        problem.Property(p => p.EnteredInErrorReason).HasMaxLength(ClinicalDb.ReasonLength);
        problem.Ignore(p => p.Concept);
        problem.Ignore(p => p.IsEnteredInError);
        problem.HasIndex(p => p.PatientId);
        problem.HasIndex(p => p.DiagnosisId, "ix_problems_standing_diagnosis_id").IsUnique().HasFilter(Problem.StandingPromotionFilter);
    }
}
