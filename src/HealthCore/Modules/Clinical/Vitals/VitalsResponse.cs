namespace HealthCore.Modules.Clinical;

/// <summary>A FHIR Coding.</summary>
internal sealed record VitalCode(string System, string Code, string Display);

/// <summary>
/// One member of the panel (a FHIR Observation.component): the value in its UCUM unit and its flag (null without a
/// reference range). Values are given without trailing zeros, whatever scale the request or the database column had.
/// </summary>
internal sealed record VitalReadingResponse(string Field, VitalCode Code, decimal Value, string Unit, Interpretation? Interpretation);

/// <param name="SubScores">Per scored NEWS2 parameter (e.g. respirationRate).</param>
/// <param name="Missing">Parameters that could not be scored; with any, aggregate and risk are null.</param>
internal sealed record News2Response(
    IReadOnlyDictionary<News2Parameter, int> SubScores, IReadOnlyList<News2Parameter> Missing, int? Aggregate, News2Risk? Risk);

internal sealed record EnteredInErrorResponse(string Reason, DateTimeOffset At, Guid? ActorId);

/// <summary>
/// A recorded vital signs set (FHIR Observation, vital signs panel 85353-1). <c>replaces</c> points at the set this one
/// corrects, <c>supersededBy</c> at the correction of this one; entered-in-error and superseded sets stay readable.
/// </summary>
internal sealed record VitalsResponse(
    Guid Id,
    Guid PatientId,
    Guid? EncounterId,
    Guid? FacilityId,
    VitalsStatus Status,
    DateTimeOffset EffectiveAt,
    DateTimeOffset RecordedAt,
    Guid? PerformerId,
    IReadOnlyList<VitalReadingResponse> Readings,
    bool? OnSupplementalOxygen,
    SpO2Scale SpO2Scale,
    Consciousness? Consciousness,
    News2Response News2,
    Guid? Replaces,
    Guid? SupersededBy,
    EnteredInErrorResponse? EnteredInError,
    int Version)
{
    private static readonly IReadOnlyList<News2Parameter> Parameters = Enum.GetValues<News2Parameter>();

    public static VitalsResponse From(VitalsObservation v) =>
        new(
            v.Id,
            v.PatientId,
            v.EncounterId,
            v.FacilityId,
            v.Status,
            v.EffectiveAt,
            v.RecordedAt,
            v.PerformerId,
            ReadingsOf(v),
            v.OnSupplementalOxygen,
            v.SpO2Scale,
            v.Consciousness,
            new News2Response(v.News2SubScores, [.. Parameters.Where(p => !v.News2SubScores.ContainsKey(p))], v.News2Aggregate, v.News2Risk),
            v.Replaces,
            v.SupersededBy,
            v.Response(),
            v.Version);

    public static IReadOnlyList<VitalReadingResponse> ReadingsOf(VitalsObservation v) =>
        [.. v.Values().Select(r => new VitalReadingResponse(
            r.Definition.Field, new VitalCode(VitalSignCatalog.LoincSystem, r.Definition.Loinc, r.Definition.Display), Normalized(r.Value), r.Definition.Unit,
            v.Interpretations.TryGetValue(r.Definition.Field, out var flag) ? flag : null))];

    // Dividing by 1 with that many zeros drops a decimal's trailing zeros (95.000 from a numeric(7,3) column is 95).
    public static decimal Normalized(decimal value) => value / 1.000000000000000000000000000000000m;
}
