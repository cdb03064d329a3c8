using HealthCore.Platform.Database;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HealthCore.Modules.Clinical;

internal sealed class EncounterConfiguration : IEntityTypeConfiguration<Encounter>
{
    public const int CodeableConceptLength = 4000;

    public void Configure(EntityTypeBuilder<Encounter> encounter)
    {
        encounter.ToTable("encounters");
        encounter.HasKey(e => e.Id);
        encounter.Property(e => e.Class).HasConversion<string>().HasMaxLength(32);
        encounter.Property(e => e.Status).HasConversion<string>().HasMaxLength(32);
        encounter.Property(e => e.Priority).HasConversion<string>().HasMaxLength(32);
        encounter.Property(e => e.Type!).HasJsonConversion().HasMaxLength(CodeableConceptLength);
        encounter.Property(e => e.Reason!).HasJsonConversion().HasMaxLength(CodeableConceptLength);
        encounter.Ignore(e => e.HasBegun);
        encounter.HasMany(e => e.Participants).WithOne().HasForeignKey(p => p.EncounterId).OnDelete(DeleteBehavior.Restrict);
        encounter.HasMany(e => e.History).WithOne().HasForeignKey(c => c.EncounterId).OnDelete(DeleteBehavior.Restrict);
        encounter.HasIndex(e => new { e.TenantId, e.AppointmentId }).IsUnique();
        encounter.HasIndex(e => new { e.TenantId, e.AdmissionId }).IsUnique();
        encounter.HasIndex(e => e.PatientId);
        encounter.HasIndex(e => e.DepartmentId);
        encounter.HasIndex(e => e.StartsAt);
    }
}

internal sealed class EncounterParticipantConfiguration : IEntityTypeConfiguration<EncounterParticipant>
{
    public void Configure(EntityTypeBuilder<EncounterParticipant> participant)
    {
        participant.ToTable("encounter_participants");
        participant.HasKey(p => p.Id);
        participant.Property(p => p.Role).HasConversion<string>().HasMaxLength(32);
        participant.HasIndex(p => new { p.EncounterId, p.PractitionerId, p.Role }).IsUnique();
        participant.HasIndex(p => p.PractitionerId);
    }
}

internal sealed class EncounterStatusChangeConfiguration : IEntityTypeConfiguration<EncounterStatusChange>
{
    public void Configure(EntityTypeBuilder<EncounterStatusChange> change)
    {
        change.ToTable("encounter_status_changes");
        change.HasKey(c => c.Id);
        change.Property(c => c.From).HasConversion<string>().HasMaxLength(32);
        change.Property(c => c.To).HasConversion<string>().HasMaxLength(32);
        change.Property(c => c.Reason).HasMaxLength(ClinicalDb.ReasonLength);
        change.Property(c => c.OverriddenRequirements!).HasJsonConversion().HasMaxLength(2000);
        change.HasIndex(c => new { c.EncounterId, c.Sequence }).IsUnique();
    }
}
