using HealthCore.Platform.Database;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HealthCore.Modules.Clinical;

internal sealed class AssessmentConfiguration : IEntityTypeConfiguration<Assessment>
{
    public const int FormKeyLength = 64;
    public const int ScoresLength = 2000;

    public void Configure(EntityTypeBuilder<Assessment> assessment)
    {
        assessment.ToTable("assessments");
        assessment.HasKey(a => a.Id);
        assessment.Property(a => a.FormKey).HasMaxLength(FormKeyLength);
        assessment.Property(a => a.Status).HasConversion<string>().HasMaxLength(32);
        assessment.Property(a => a.Scores).HasJsonConversion().HasMaxLength(ScoresLength);
        assessment.Property(a => a.EnteredInErrorReason).HasMaxLength(ClinicalDb.ReasonLength);
        assessment.HasIndex(a => new { a.EncounterId, a.FormKey });
        assessment.HasIndex(a => new { a.PatientId, a.FormKey });
        assessment.HasIndex(a => new { a.TenantId, a.Replaces }).IsUnique();
    }
}
