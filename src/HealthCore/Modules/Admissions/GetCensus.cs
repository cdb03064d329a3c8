using HealthCore.Platform.Database;
using HealthCore.Platform.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace HealthCore.Modules.Admissions;

/// <summary>A patient in hospital at the census instant: in a bed, or (BedId null) admitted and waiting for one.</summary>
internal sealed record CensusEntry(
    Guid AdmissionId, Guid PatientId, DateTimeOffset AdmittedAt, Guid? BedId, string? BedNumber, Guid? WardId, string? WardName, DateTimeOffset? InBedSince);

internal sealed record CensusResponse(DateTimeOffset At, Guid? WardId, Guid? FacilityId, int Occupied, int Pending, IReadOnlyList<CensusEntry> Patients);

internal static class GetCensus
{
    public static async Task<Results<Ok<CensusResponse>, ValidationProblem, NotFoundProblem>> Handle(
        DateTimeOffset? at, Guid? wardId, Guid? facilityId, AdmissionsDb db, IAdmissionDirectory directory, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (PlausibleDates.OutOfRange("at", at) is { } outOfRange)
        {
            return outOfRange;
        }

        var now = clock.GetUtcNow();
        var instant = at is { } given ? InstantStorage.ToStoredPrecision(given) : now;
        if (instant > now)
        {
            return FieldErrors.Invalid("at", "The census instant may not be in the future.");
        }

        var (scope, invalid, missing) = await CensusScope.ResolveAsync(db, directory, wardId, facilityId, cancellationToken);
        if (invalid is not null)
        {
            return invalid;
        }

        if (missing is not null)
        {
            return missing;
        }

        var present = (await CensusScope.TimelinesAsync(db, instant, instant, cancellationToken))
            .Where(t => t.InHospitalAt(instant))
            .Select(t => (Timeline: t, Stay: t.Stays.SingleOrDefault(s => s.Contains(instant))))
            .Where(p => p.Stay is null ? scope!.IsWhole : scope!.Covers(p.Stay.WardId))
            .ToList();

        var bedIds = present.Where(p => p.Stay is not null).Select(p => p.Stay!.BedId).ToList();
        var beds = await db.Beds.AsNoTracking().Where(b => bedIds.Contains(b.Id)).ToDictionaryAsync(b => b.Id, b => b.Number, cancellationToken);
        var wardIds = present.Where(p => p.Stay is not null).Select(p => p.Stay!.WardId).Distinct().ToList();
        var wards = await db.Wards.AsNoTracking().Where(w => wardIds.Contains(w.Id)).ToDictionaryAsync(w => w.Id, w => w.Name, cancellationToken);

        var entries = present
            .Select(p => new CensusEntry(
                p.Timeline.AdmissionId,
                p.Timeline.PatientId,
                p.Timeline.AdmittedAt,
                p.Stay?.BedId,
                p.Stay is null ? null : beds.GetValueOrDefault(p.Stay.BedId),
                p.Stay?.WardId,
                p.Stay is null ? null : wards.GetValueOrDefault(p.Stay.WardId),
                p.Stay?.From))
            .OrderBy(e => e.WardName is null)
            .ThenBy(e => e.WardName, StringComparer.Ordinal)
            .ThenBy(e => e.BedNumber, StringComparer.Ordinal)
            .ThenBy(e => e.AdmittedAt)
            .ToList();
        return TypedResults.Ok(new CensusResponse(
            instant, wardId, facilityId, entries.Count(e => e.BedId is not null), entries.Count(e => e.BedId is null), entries));
    }
}
