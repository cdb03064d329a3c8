using Microsoft.EntityFrameworkCore;

namespace HealthCore.Modules.Clinical.Timeline;

/// <summary>
/// The timeline reads each kind a page at a time by (patient, occurred time), newest first; vitals already have their
/// (patient_id, effective_at) index.
/// </summary>
internal static class TimelineIndexes
{
    public static void ApplyTo(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Encounter>().HasIndex(e => new { e.PatientId, e.StartsAt });
        modelBuilder.Entity<Notes.Note>().HasIndex(n => new { n.PatientId, n.CreatedAt });
        modelBuilder.Entity<Diagnosis>().HasIndex(d => new { d.PatientId, d.RecordedAt });
    }
}
