using HealthCore.Modules.Clinical.Notes;

namespace HealthCore.Modules.Clinical.Summary;

/// <summary>
/// What was recorded in an encounter, at a glance: each part comes from an <see cref="IEncounterSummaryPart"/>, so a
/// new kind of record (orders, prescriptions) adds a property here and a part, not code in GetEncounter.
/// </summary>
internal sealed record ClinicalSummary(VitalsSummary Vitals, IReadOnlyList<DiagnosisSummary> Diagnoses, IReadOnlyList<NoteSummary> Notes)
{
    public static ClinicalSummary Empty { get; } = new(new VitalsSummary(0, null), [], []);
}

/// <summary>One section of <see cref="ClinicalSummary"/>, read with a fixed number of queries whatever the encounter holds.</summary>
internal interface IEncounterSummaryPart
{
    Task<ClinicalSummary> AddToAsync(Encounter encounter, ClinicalSummary summary, CancellationToken cancellationToken);
}

/// <param name="Count">The sets that stand (final): superseded and entered-in-error ones are not counted.</param>
/// <param name="Latest">The standing set taken last; null when none was.</param>
internal sealed record VitalsSummary(int Count, LatestVitals? Latest);

/// <param name="News2Aggregate">Null for an incomplete set, which NEWS2 does not total.</param>
internal sealed record LatestVitals(
    Guid Id, DateTimeOffset TakenAt, IReadOnlyList<VitalReadingResponse> Readings, bool? OnSupplementalOxygen, Consciousness? Consciousness,
    int? News2Aggregate, News2Risk? News2Risk);

/// <summary>A diagnosis of the encounter in ICD-10-CM; entered-in-error ones are left out, refuted ones kept (they were considered).</summary>
internal sealed record DiagnosisSummary(
    Guid Id, string Code, string Display, DiagnosisRank Rank, ConditionClinicalStatus ClinicalStatus, ConditionVerificationStatus VerificationStatus);

/// <summary>
/// The state of a note's current version: a draft (possibly an amendment of a signed version, then
/// <see cref="NoteSummary.LastSignedAt"/> is set), signed (version 1), or amended (a signed version that corrects an
/// earlier one), as FHIR Composition.status preliminary, final and amended.
/// </summary>
internal enum NoteSummaryStatus
{
    Draft,
    Signed,
    Amended,
}

/// <summary>A note without its body: which, whose, in what state.</summary>
/// <param name="AuthorId">The author of the current version.</param>
/// <param name="LastSignedAt">When its latest signed version was signed; null when none is.</param>
internal sealed record NoteSummary(
    Guid Id, NoteType Type, string Title, NoteSummaryStatus Status, int Version, Guid AuthorId, Guid? AuthorPractitionerId, DateTimeOffset? LastSignedAt,
    DateTimeOffset CreatedAt);

/// <summary>Runs every registered part in turn.</summary>
internal sealed class ClinicalSummaries(IEnumerable<IEncounterSummaryPart> parts)
{
    public async Task<ClinicalSummary> OfAsync(Encounter encounter, CancellationToken cancellationToken)
    {
        var summary = ClinicalSummary.Empty;
        foreach (var part in parts)
        {
            summary = await part.AddToAsync(encounter, summary, cancellationToken);
        }

        return summary;
    }
}
