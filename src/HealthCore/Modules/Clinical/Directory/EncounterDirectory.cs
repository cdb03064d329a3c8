using HealthCore.Modules.Clinical.Contracts;
using HealthCore.Platform.Http;
using Microsoft.EntityFrameworkCore;

namespace HealthCore.Modules.Clinical;

internal sealed class EncounterDirectory(ClinicalDb db) : IEncounterDirectory
{
    public async Task<EncounterFacts?> FindEncounterAsync(Guid encounterId, CancellationToken cancellationToken) =>
        await db.Encounters.AsNoTracking().SingleOrDefaultAsync(e => e.Id == encounterId, cancellationToken) is { } e ? Facts(e) : null;

    public async Task<IReadOnlyList<EncounterWithClinician>> ListStartedSinceAsync(DateTimeOffset since, int limit, CancellationToken cancellationToken)
    {
        var rows = await db.Encounters.AsNoTracking().Include(e => e.Participants)
            .Where(e => e.StartsAt >= since && e.Status != EncounterStatus.Cancelled && e.Status != EncounterStatus.EnteredInError)
            .OrderBy(e => e.StartsAt).ThenBy(e => e.Id).Take(limit)
            .ToListAsync(cancellationToken);
        return [.. rows.Select(e => new EncounterWithClinician(Facts(e), e.StartsAt, e.Participants.Select(p => (Guid?)p.PractitionerId).FirstOrDefault()))];
    }

    public async Task<NoteFacts?> FindNoteAsync(Guid noteId, CancellationToken cancellationToken) =>
        await db.Notes.AsNoTracking().Where(n => n.Id == noteId)
            .Select(n => new { n.Id, n.EncounterId, n.PatientId, n.Type, Signed = n.Versions.Any(v => v.Number == n.CurrentVersion && v.SignedAt != null) })
            .SingleOrDefaultAsync(cancellationToken) is { } n
            ? new NoteFacts(n.Id, n.EncounterId, n.PatientId, QueryEnum.Name(n.Type), n.Signed)
            : null;

    private static EncounterFacts Facts(Encounter e) => new(e.Id, e.PatientId, e.FacilityId, e.DepartmentId, QueryEnum.Name(e.Status), e.IsVoid);
}
