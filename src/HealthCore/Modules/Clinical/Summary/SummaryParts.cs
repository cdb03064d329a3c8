using Microsoft.EntityFrameworkCore;

namespace HealthCore.Modules.Clinical.Summary;

/// <summary>The count of standing sets and the latest of them, in one query.</summary>
internal sealed class VitalsSummaryPart(ClinicalDb db) : IEncounterSummaryPart
{
    public async Task<ClinicalSummary> AddToAsync(Encounter encounter, ClinicalSummary summary, CancellationToken cancellationToken)
    {
        var standing = db.VitalsObservations.AsNoTracking().Where(v => v.EncounterId == encounter.Id && v.Status == VitalsStatus.Final);
        var latest = await standing.OrderByDescending(v => v.EffectiveAt).ThenByDescending(v => v.Id)
            .Select(v => new { Set = v, Count = standing.Count() }).FirstOrDefaultAsync(cancellationToken);
        return latest is null
            ? summary
            : summary with
            {
                Vitals = new VitalsSummary(
                    latest.Count,
                    new LatestVitals(
                        latest.Set.Id, latest.Set.EffectiveAt, VitalsResponse.ReadingsOf(latest.Set), latest.Set.OnSupplementalOxygen, latest.Set.Consciousness,
                        latest.Set.News2Aggregate, latest.Set.News2Risk)),
            };
    }
}

/// <summary>The diagnoses not entered in error, primary first, then as recorded.</summary>
internal sealed class DiagnosesSummaryPart(ClinicalDb db) : IEncounterSummaryPart
{
    public async Task<ClinicalSummary> AddToAsync(Encounter encounter, ClinicalSummary summary, CancellationToken cancellationToken) =>
        summary with
        {
            Diagnoses = [.. (await StandingAsync(db, encounter.Id, cancellationToken))
                .Select(d => new DiagnosisSummary(d.Id, d.Code, d.Display, d.Rank, d.ClinicalStatus, d.VerificationStatus))],
        };

    public static async Task<List<Diagnosis>> StandingAsync(ClinicalDb db, Guid encounterId, CancellationToken cancellationToken) =>
        [.. (await db.Diagnoses.AsNoTracking()
                .Where(d => d.EncounterId == encounterId && d.VerificationStatus != ConditionVerificationStatus.EnteredInError)
                .ToListAsync(cancellationToken))
            .OrderBy(d => d.Rank).ThenBy(d => d.RecordedAt).ThenBy(d => d.Id)];
}

/// <summary>Every note with the header of its current version, in one query that reads no section text.</summary>
internal sealed class NotesSummaryPart(ClinicalDb db) : IEncounterSummaryPart
{
    public async Task<ClinicalSummary> AddToAsync(Encounter encounter, ClinicalSummary summary, CancellationToken cancellationToken)
    {
        var notes = await db.Notes.AsNoTracking().Where(n => n.EncounterId == encounter.Id)
            .OrderBy(n => n.CreatedAt).ThenBy(n => n.Id)
            .Select(n => new
            {
                n.Id, n.Type, n.CurrentVersion, n.CreatedAt,
                Versions = n.Versions.Select(v => new { v.Number, v.Title, v.AuthorId, v.AuthorPractitionerId, v.SignedAt, v.PreviousVersionId }).ToList(),
            })
            .ToListAsync(cancellationToken);
        return summary with
        {
            Notes = [.. notes.Select(n =>
            {
                var current = n.Versions.Single(v => v.Number == n.CurrentVersion);
                var status = current.SignedAt is null ? NoteSummaryStatus.Draft
                    : current.PreviousVersionId is null ? NoteSummaryStatus.Signed
                    : NoteSummaryStatus.Amended;
                return new NoteSummary(
                    n.Id, n.Type, current.Title, status, current.Number, current.AuthorId, current.AuthorPractitionerId,
                    n.Versions.Where(v => v.SignedAt is not null).Select(v => v.SignedAt).Max(), n.CreatedAt);
            })],
        };
    }
}
