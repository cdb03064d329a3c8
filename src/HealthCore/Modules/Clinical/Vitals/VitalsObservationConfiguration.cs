using HealthCore.Platform.Database;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HealthCore.Modules.Clinical;

internal sealed class VitalsObservationConfiguration : IEntityTypeConfiguration<VitalsObservation>
{
    public const int ValuePrecision = 7;
    public const int ValueScale = 3;
    public const int JsonLength = 1000;

    public void Configure(EntityTypeBuilder<VitalsObservation> vitals)
    {
        vitals.ToTable("vitals_observations");
        vitals.HasKey(v => v.Id);
        vitals.Property(v => v.Status).HasConversion<string>().HasMaxLength(32);
        vitals.Property(v => v.SpO2Scale).HasConversion<string>().HasMaxLength(32);
        vitals.Property(v => v.Consciousness).HasConversion<string>().HasMaxLength(32);
        vitals.Property(v => v.News2Risk).HasConversion<string>().HasMaxLength(32);
        foreach (var value in new[]
        {
            nameof(VitalsObservation.Temperature), nameof(VitalsObservation.HeartRate), nameof(VitalsObservation.RespiratoryRate),
            nameof(VitalsObservation.SystolicBloodPressure), nameof(VitalsObservation.DiastolicBloodPressure), nameof(VitalsObservation.OxygenSaturation),
            nameof(VitalsObservation.PainScore), nameof(VitalsObservation.Height), nameof(VitalsObservation.Weight), nameof(VitalsObservation.Bmi),
            nameof(VitalsObservation.BloodGlucose),
        })
        {
            vitals.Property(value).HasPrecision(ValuePrecision, ValueScale);
        }

        vitals.Property(v => v.Interpretations).HasJsonConversion().HasMaxLength(JsonLength);
        vitals.Property(v => v.News2SubScores).HasJsonConversion().HasMaxLength(JsonLength);
        vitals.Property(v => v.EnteredInErrorReason).HasMaxLength(ClinicalDb.ReasonLength);
        vitals.HasIndex(v => new { v.PatientId, v.EffectiveAt });
        vitals.HasIndex(v => new { v.EncounterId, v.EffectiveAt });
        vitals.HasIndex(v => new { v.TenantId, v.Replaces }).IsUnique();
    }
}
