using HealthCore.Platform.Database;

namespace HealthCore.Modules.Clinical;

/// <summary>FHIR Observation.status as a recorded set moves through it: values are never edited, only the status.</summary>
internal enum VitalsStatus
{
    Final,

    /// <summary>A correction replaced it (FHIR amended, on the correction); it stays readable.</summary>
    Superseded,

    EnteredInError,
}

/// <summary>
/// One recorded vital signs set: a FHIR R4 Observation panel (85353-1) with one member per sign, each value in its
/// catalog unit with the flag it was given when recorded, and the NEWS2 score of the set. Flags and score are stored,
/// not recomputed, so the record shows what the nurse saw even after the reference ranges change.
/// A correction is a new set whose <see cref="Replaces"/> points at this one; a unique index lets a set be corrected once.
/// </summary>
internal sealed class VitalsObservation : ITenantOwned, ICorrectableRecord
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid TenantId { get; set; }

    public int Version { get; set; }

    public Guid PatientId { get; init; }

    public Guid? EncounterId { get; init; }

    /// <summary>
    /// Where it was taken: the encounter's facility, or for a set outside an encounter the one the recorder named (or
    /// their only one). Hidden from users of other facilities like a visit is; null only for sets recorded before the
    /// rule, which only tenant-wide users see.
    /// </summary>
    public Guid? FacilityId { get; init; }

    public DateTimeOffset EffectiveAt { get; init; }

    public DateTimeOffset RecordedAt { get; init; }

    /// <summary>The user who recorded the set (FHIR Observation.performer).</summary>
    public Guid? PerformerId { get; init; }

    public VitalsStatus Status { get; set; }

    public Guid? Replaces { get; init; }

    public Guid? SupersededBy { get; set; }

    public decimal? Temperature { get; init; }

    public decimal? HeartRate { get; init; }

    public decimal? RespiratoryRate { get; init; }

    public decimal? SystolicBloodPressure { get; init; }

    public decimal? DiastolicBloodPressure { get; init; }

    public decimal? OxygenSaturation { get; init; }

    public bool? OnSupplementalOxygen { get; init; }

    public SpO2Scale SpO2Scale { get; init; }

    public Consciousness? Consciousness { get; init; }

    public decimal? PainScore { get; init; }

    public decimal? Height { get; init; }

    public decimal? Weight { get; init; }

    public decimal? Bmi { get; init; }

    public decimal? BloodGlucose { get; init; }

    /// <summary>Request field name to flag, for the readings that have a reference range.</summary>
    public Dictionary<string, Interpretation> Interpretations { get; init; } = [];

    public Dictionary<News2Parameter, int> News2SubScores { get; init; } = [];

    /// <summary>Null for an incomplete set: NEWS2 is only totalled over all seven parameters.</summary>
    public int? News2Aggregate { get; init; }

    public News2Risk? News2Risk { get; init; }

    public string? EnteredInErrorReason { get; set; }

    public DateTimeOffset? EnteredInErrorAt { get; set; }

    public Guid? EnteredInErrorBy { get; set; }

    public static VitalsObservation Record(
        Guid patientId, Encounter? encounter, Guid? facilityId, VitalsSet set, VitalsCheck check, DateTimeOffset effectiveAt, DateTimeOffset now,
        Guid? performerId, Guid? replaces = null) => new()
    {
        PatientId = patientId,
        EncounterId = encounter?.Id,
        FacilityId = encounter?.FacilityId ?? facilityId,
        EffectiveAt = effectiveAt,
        RecordedAt = now,
        PerformerId = performerId,
        Status = VitalsStatus.Final,
        Replaces = replaces,
        Temperature = set.Temperature,
        HeartRate = set.HeartRate,
        RespiratoryRate = set.RespiratoryRate,
        SystolicBloodPressure = set.SystolicBloodPressure,
        DiastolicBloodPressure = set.DiastolicBloodPressure,
        OxygenSaturation = set.OxygenSaturation,
        OnSupplementalOxygen = set.OnSupplementalOxygen,
        SpO2Scale = set.SpO2Scale,
        Consciousness = set.Consciousness,
        PainScore = set.PainScore,
        Height = set.Height,
        Weight = set.Weight,
        Bmi = check.Readings.FirstOrDefault(r => r.Definition.Sign == VitalSign.BodyMassIndex)?.Value,
        BloodGlucose = set.BloodGlucose,
        Interpretations = check.Readings.Where(r => r.Interpretation is not null)
            .ToDictionary(r => r.Definition.Field, r => r.Interpretation!.Value, StringComparer.Ordinal),
        News2SubScores = check.News2!.SubScores.ToDictionary(),
        News2Aggregate = check.News2.Aggregate,
        News2Risk = check.News2.Risk,
    };

    /// <summary>The values in catalog order, each with its definition, as they were recorded.</summary>
    public IEnumerable<(VitalSignDefinition Definition, decimal Value)> Values()
    {
        (VitalSignDefinition, decimal?)[] all =
        [
            (VitalSignCatalog.BodyTemperature, Temperature), (VitalSignCatalog.HeartRate, HeartRate), (VitalSignCatalog.RespiratoryRate, RespiratoryRate),
            (VitalSignCatalog.SystolicBloodPressure, SystolicBloodPressure), (VitalSignCatalog.DiastolicBloodPressure, DiastolicBloodPressure),
            (VitalSignCatalog.OxygenSaturation, OxygenSaturation), (VitalSignCatalog.PainScore, PainScore), (VitalSignCatalog.BodyHeight, Height),
            (VitalSignCatalog.BodyWeight, Weight), (VitalSignCatalog.BodyMassIndex, Bmi), (VitalSignCatalog.BloodGlucose, BloodGlucose),
        ];
        return all.Where(v => v.Item2 is not null).Select(v => (v.Item1, v.Item2!.Value));
    }

    public bool Stands => Status == VitalsStatus.Final;

    public void MarkStatusEnteredInError() => Status = VitalsStatus.EnteredInError;

    public void MarkStatusSuperseded() => Status = VitalsStatus.Superseded;
}
