using HealthCore.Platform.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace HealthCore.Modules.Admissions;

/// <summary>Which wards a census covers (one ward, a facility's wards, or all), and the admission timelines it is computed from.</summary>
internal sealed class CensusScope
{
    private readonly List<Guid>? wards;

    private CensusScope(List<Guid>? wards, Guid? facilityId, bool whole = false)
    {
        this.wards = wards;
        FacilityId = facilityId;
        IsWhole = whole;
    }

    /// <summary>Everything the caller may see (so patients still waiting for a bed count too), not one ward or facility.</summary>
    public bool IsWhole { get; }

    /// <summary>The facility of the ward or the one asked for, whose time zone the census counts days in; null for the whole hospital.</summary>
    public Guid? FacilityId { get; }

    public bool Covers(Guid wardId) => wards is null || wards.Contains(wardId);

    public IQueryable<Bed> Beds(AdmissionsDb db) =>
        wards is null ? db.Beds.AsNoTracking() : db.Beds.AsNoTracking().Where(b => wards.Contains(b.WardId));

    public static async Task<(CensusScope? Scope, ValidationProblem? Invalid, NotFoundProblem? Missing)> ResolveAsync(
        AdmissionsDb db, IAdmissionDirectory directory, Guid? wardId, Guid? facilityId, CancellationToken cancellationToken)
    {
        if (wardId is not null && facilityId is not null)
        {
            return (null, FieldErrors.Invalid("wardId", "Give either wardId or facilityId, not both."), null);
        }

        if (wardId is { } ward)
        {
            var facilityOfWard = await db.Wards.Where(w => w.Id == ward).Select(w => (Guid?)w.FacilityId).SingleOrDefaultAsync(cancellationToken);
            return facilityOfWard is not null
                ? (new CensusScope([ward], facilityOfWard), null, null)
                : (null, null, NotFoundProblem.For("Ward", ward));
        }

        if (facilityId is { } facility)
        {
            if (await VisibleFacilities.FindAsync(db, directory, facility, cancellationToken) is null)
            {
                return (null, null, NotFoundProblem.For("Facility", facility));
            }

            var ids = await db.Wards.AsNoTracking().Where(w => w.FacilityId == facility).Select(w => w.Id).ToListAsync(cancellationToken);
            return (new CensusScope(ids, facility), null, null);
        }

        // A caller assigned to some facilities sees the census of their wards only.
        return db.FacilityAccess.All
            ? (new CensusScope(null, null, whole: true), null, null)
            : (new CensusScope(await db.Wards.AsNoTracking().Select(w => w.Id).ToListAsync(cancellationToken), null, whole: true), null, null);
    }

    /// <summary>
    /// The timelines, replayed from their event streams, of every admission that was open at some point of [from, to]
    /// (cancelled admissions, entered in error, never were).
    /// </summary>
    public static async Task<List<AdmissionTimeline>> TimelinesAsync(AdmissionsDb db, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var admissions = db.Admissions.Where(a =>
            a.Status != AdmissionStatus.Cancelled && a.AdmittedAt <= to && (a.ClosedAt == null || a.ClosedAt >= from));
        var events = await db.Events.AsNoTracking()
            .Where(e => admissions.Any(a => a.Id == e.AdmissionId))
            .ToListAsync(cancellationToken);
        return AdmissionHistory.Replay(events);
    }
}
