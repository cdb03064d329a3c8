using System.ComponentModel.DataAnnotations;
using HealthCore.Platform.Http;

namespace HealthCore.Modules.Clinical;

/// <summary>
/// One set of vital signs, each in the unit of its LOINC code (temperature Cel, rates /min, pressures mm[Hg], SpO2 %,
/// height cm, weight kg, glucose mmol/L). Every part is optional but at least one value is needed; BMI is derived.
/// <c>effectiveAt</c> (when they were taken) defaults to now and may not be in the future. <c>facilityId</c>, where they
/// were taken, is the encounter's for a set taken in one; outside an encounter it defaults to the recorder's facility
/// when they are assigned to exactly one, and must be named otherwise.
/// </summary>
internal sealed record VitalsRequest(
    decimal? Temperature,
    decimal? HeartRate,
    decimal? RespiratoryRate,
    decimal? SystolicBloodPressure,
    decimal? DiastolicBloodPressure,
    decimal? OxygenSaturation,
    bool? OnSupplementalOxygen,
    SpO2Scale? SpO2Scale,
    Consciousness? Consciousness,
    decimal? PainScore,
    decimal? Height,
    decimal? Weight,
    decimal? BloodGlucose,
    [PlausibleInstant] DateTimeOffset? EffectiveAt,
    Guid? EncounterId,
    Guid? FacilityId = null)
{
    public bool IsEmpty => ToSet() == new VitalsSet(SpO2Scale: ToSet().SpO2Scale);

    public VitalsSet ToSet() => new(
        Temperature, HeartRate, RespiratoryRate, SystolicBloodPressure, DiastolicBloodPressure, OxygenSaturation, OnSupplementalOxygen,
        SpO2Scale ?? Clinical.SpO2Scale.Scale1, Consciousness, PainScore, Height, Weight, BloodGlucose);
}

internal sealed record VitalsReasonRequest([Required, StringLength(ClinicalDb.ReasonLength, MinimumLength = 1)] string Reason);
