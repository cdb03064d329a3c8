using HealthCore.Platform.Database;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HealthCore.Modules.Clinical.Notes;

internal sealed class NoteConfiguration : IEntityTypeConfiguration<Note>
{
    /// <summary>A note with its versions and co-signatures, in one call so the shared context gains one line.</summary>
    public static void ApplyTo(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfiguration(new NoteConfiguration());
        modelBuilder.ApplyConfiguration(new NoteVersionConfiguration());
        modelBuilder.ApplyConfiguration(new NoteCosignatureConfiguration());
    }

    public void Configure(EntityTypeBuilder<Note> note)
    {
        note.ToTable("notes");
        note.HasKey(n => n.Id);
        note.Property(n => n.Type).HasConversion<string>().HasMaxLength(32);
        note.Ignore(n => n.Current);
        note.HasMany(n => n.Versions).WithOne().HasForeignKey(v => v.NoteId).OnDelete(DeleteBehavior.Restrict);
        note.HasOne<Encounter>().WithMany().HasForeignKey(n => n.EncounterId).OnDelete(DeleteBehavior.Restrict);
        note.HasIndex(n => n.EncounterId);
        note.HasIndex(n => n.EncounterId, "ix_notes_one_per_encounter_encounter_id").IsUnique().HasFilter(NoteTypes.OnePerEncounterFilter);
        note.HasIndex(n => n.PatientId);
    }
}

internal sealed class NoteVersionConfiguration : IEntityTypeConfiguration<NoteVersion>
{
    public const int TitleLength = 200;
    public const int HashLength = 64;

    public void Configure(EntityTypeBuilder<NoteVersion> version)
    {
        version.ToTable("note_versions");
        version.HasKey(v => v.Id);
        version.Property(v => v.Title).HasMaxLength(TitleLength);
        version.Property(v => v.Sections).HasJsonConversion();
        version.Property(v => v.AmendmentReason).HasMaxLength(ClinicalDb.ReasonLength);
        version.Property(v => v.ContentHash).HasMaxLength(HashLength);
        version.Ignore(v => v.IsSigned);
        version.HasMany(v => v.Cosignatures).WithOne().HasForeignKey(c => c.NoteVersionId).OnDelete(DeleteBehavior.Restrict);
        version.HasIndex(v => new { v.NoteId, v.Number }).IsUnique();
    }
}

internal sealed class NoteCosignatureConfiguration : IEntityTypeConfiguration<NoteCosignature>
{
    public void Configure(EntityTypeBuilder<NoteCosignature> cosignature)
    {
        cosignature.ToTable("note_cosignatures");
        cosignature.HasKey(c => c.Id);
        cosignature.HasIndex(c => new { c.NoteVersionId, c.CosignerId }).IsUnique();
    }
}
