using HealthCore.Modules.Clinical.Contracts;
using HealthCore.Modules.Clinical.Notes;
using HealthCore.Modules.Identity.Contracts;
using HealthCore.Platform.Http;
using Microsoft.EntityFrameworkCore;

namespace HealthCore.Modules.Clinical.Timeline;

/// <summary>
/// The patient's encounters at their start (the period start once begun, else the planned start): status and
/// logistics for encounters.read, the visit type in the title only with clinical.read.
/// </summary>
internal sealed class EncounterTimelineSource(ClinicalDb db) : IPatientTimelineSource
{
    public TimelineKind Kind { get; } = new("encounter", Permissions.EncountersRead);

    public async Task<IReadOnlyList<TimelineEntry>> ReadAsync(TimelineRequest request, CancellationToken cancellationToken)
    {
        var rows = await db.Encounters.AsNoTracking()
            .Where(e => e.PatientId == request.PatientId)
            .Select(e => new { e.Id, e.StartsAt, e.Class, e.Status, e.Type, Void = e.Status == EncounterStatus.EnteredInError })
            .PageOf(request, e => e.Void, e => e.StartsAt, e => e.Id)
            .ToListAsync(cancellationToken);
        return [.. rows.Select(e => new TimelineEntry(
            e.Id, e.StartsAt, TimelineQueries.Title($"Encounter ({QueryEnum.Name(e.Class)})", request.ReadClinical ? e.Type?.Text : null), QueryEnum.Name(e.Status),
            e.Void, e.Id, $"/api/v1/encounters/{e.Id}"))];
    }
}

/// <summary>Vitals sets when they were taken, every status but entered in error (superseded ones show beside their correction).</summary>
internal sealed class VitalsTimelineSource(ClinicalDb db) : IPatientTimelineSource
{
    public TimelineKind Kind { get; } = new("vitals", Permissions.ClinicalRead);

    public async Task<IReadOnlyList<TimelineEntry>> ReadAsync(TimelineRequest request, CancellationToken cancellationToken)
    {
        var voidVisits = db.VoidEncounterIds(request.PatientId);
        var rows = await db.VitalsObservations.AsNoTracking()
            .Where(v => v.PatientId == request.PatientId)
            .Select(v => new
            {
                v.Id, v.EffectiveAt, v.EncounterId, v.Status, v.News2Aggregate, v.News2Risk,
                Void = v.Status == VitalsStatus.EnteredInError || (v.EncounterId != null && voidVisits.Contains(v.EncounterId.Value)),
            })
            .PageOf(request, v => v.Void, v => v.EffectiveAt, v => v.Id)
            .ToListAsync(cancellationToken);
        return [.. rows.Select(v => new TimelineEntry(
            v.Id, v.EffectiveAt, TimelineQueries.Title("Vitals", v.News2Aggregate is { } score ? $"NEWS2 {score} ({QueryEnum.Name(v.News2Risk!.Value)})" : null),
            QueryEnum.Name(v.Status), v.Void, v.EncounterId, $"/api/v1/vitals/{v.Id}"))];
    }
}

/// <summary>Notes when they were written, with the title and state (draft or signed) of their current version.</summary>
internal sealed class NoteTimelineSource(ClinicalDb db) : IPatientTimelineSource
{
    public TimelineKind Kind { get; } = new("note", Permissions.ClinicalRead);

    public async Task<IReadOnlyList<TimelineEntry>> ReadAsync(TimelineRequest request, CancellationToken cancellationToken)
    {
        var voidVisits = db.VoidEncounterIds(request.PatientId);
        var rows = await db.Notes.AsNoTracking()
            .Where(n => n.PatientId == request.PatientId)
            .Select(n => new
            {
                n.Id, n.CreatedAt, n.EncounterId, n.Type,
                Current = n.Versions.Where(v => v.Number == n.CurrentVersion).Select(v => new { v.Title, Signed = v.SignedAt != null }).First(),
                Void = voidVisits.Contains(n.EncounterId),
            })
            .PageOf(request, n => n.Void, n => n.CreatedAt, n => n.Id)
            .ToListAsync(cancellationToken);
        return [.. rows.Select(n => new TimelineEntry(
            n.Id, n.CreatedAt, TimelineQueries.Title($"Note ({QueryEnum.Name(n.Type)})", n.Current.Title),
            QueryEnum.Name(n.Current.Signed ? NoteStatus.Signed : NoteStatus.Draft), n.Void, n.EncounterId, $"/api/v1/notes/{n.Id}"))];
    }
}

/// <summary>Diagnoses when they were recorded, with their ICD-10-CM code and verification status.</summary>
internal sealed class DiagnosisTimelineSource(ClinicalDb db) : IPatientTimelineSource
{
    public TimelineKind Kind { get; } = new("diagnosis", Permissions.ClinicalRead);

    public async Task<IReadOnlyList<TimelineEntry>> ReadAsync(TimelineRequest request, CancellationToken cancellationToken)
    {
        var voidVisits = db.VoidEncounterIds(request.PatientId);
        var rows = await db.Diagnoses.AsNoTracking()
            .Where(d => d.PatientId == request.PatientId)
            .Select(d => new
            {
                d.Id, d.RecordedAt, d.EncounterId, d.Code, d.Display, d.VerificationStatus,
                Void = d.VerificationStatus == ConditionVerificationStatus.EnteredInError || voidVisits.Contains(d.EncounterId),
            })
            .PageOf(request, d => d.Void, d => d.RecordedAt, d => d.Id)
            .ToListAsync(cancellationToken);
        return [.. rows.Select(d => new TimelineEntry(
            d.Id, d.RecordedAt, $"{d.Code} {d.Display}", QueryEnum.Name(d.VerificationStatus), d.Void, d.EncounterId, $"/api/v1/diagnoses/{d.Id}"))];
    }
}

internal static class ClinicalTimelineQueries
{
    /// <summary>
    /// The patient's encounters that should never have existed: what was recorded in them is void with them. Bounded
    /// by the patient (an index), so the subquery never scans the tenant's encounters.
    /// </summary>
    public static IQueryable<Guid> VoidEncounterIds(this ClinicalDb db, Guid patientId) =>
        db.Encounters.Where(e => e.PatientId == patientId && e.Status == EncounterStatus.EnteredInError).Select(e => e.Id);
}
