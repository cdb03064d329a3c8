using HealthCore.Platform.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace HealthCore.Modules.Admissions;

/// <param name="OutOfService">Beds in maintenance or blocked.</param>
/// <param name="OccupancyPercent">Occupied beds over all beds.</param>
internal sealed record BedCounts(int Total, int Available, int Reserved, int Occupied, int Cleaning, int OutOfService, double OccupancyPercent)
{
    public static BedCounts Of(IReadOnlyCollection<BedStatus> statuses)
    {
        var occupied = statuses.Count(s => s == BedStatus.Occupied);
        return new(
            statuses.Count,
            statuses.Count(s => s == BedStatus.Available),
            statuses.Count(s => s == BedStatus.Reserved),
            occupied,
            statuses.Count(s => s == BedStatus.Cleaning),
            statuses.Count(s => s is BedStatus.Maintenance or BedStatus.Blocked),
            statuses.Count == 0 ? 0 : Math.Round(occupied * 100.0 / statuses.Count, 1, MidpointRounding.AwayFromZero));
    }
}

internal sealed record BedTypeCounts(BedType Type, BedCounts Counts);

/// <param name="PatientName">The patient's display name; null when the patient directory does not know the patient.</param>
/// <param name="DaysIn">Midnights since admission.</param>
internal sealed record BedBoardPatient(Guid PatientId, string? PatientName, Guid AdmissionId, Guid BedId, string BedNumber, DateTimeOffset AdmittedAt, int DaysIn);

internal sealed record WardBoard(
    Guid WardId, string WardName, Guid FacilityId, WardType Type, GenderPolicy GenderPolicy, BedCounts Counts, IReadOnlyList<BedTypeCounts> ByBedType,
    IReadOnlyList<BedBoardPatient> Patients);

internal sealed record BedBoardResponse(DateTimeOffset At, Guid? FacilityId, BedCounts Counts, IReadOnlyList<WardBoard> Wards);

internal static class GetBedBoard
{
    public static async Task<Results<Ok<BedBoardResponse>, NotFoundProblem>> Handle(
        Guid? facilityId, AdmissionsDb db, IAdmissionDirectory directory, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (facilityId is { } facility && await VisibleFacilities.FindAsync(db, directory, facility, cancellationToken) is null)
        {
            return NotFoundProblem.For("Facility", facility);
        }

        var now = clock.GetUtcNow();
        var wards = await db.Wards.AsNoTracking()
            .Where(w => facilityId == null || w.FacilityId == facilityId)
            .OrderBy(w => w.Name)
            .ToListAsync(cancellationToken);
        var wardIds = wards.ConvertAll(w => w.Id);
        var beds = await db.Beds.AsNoTracking().Where(b => wardIds.Contains(b.WardId)).ToListAsync(cancellationToken);
        var occupants = await db.Occupancies.AsNoTracking()
            .Where(o => o.ReleasedAt == null && wardIds.Contains(o.WardId))
            .Join(db.Admissions, o => o.AdmissionId, a => a.Id, (o, a) => new { o.WardId, o.BedId, o.PatientId, o.AdmissionId, a.AdmittedAt })
            .ToListAsync(cancellationToken);

        var names = new Dictionary<Guid, string?>();
        foreach (var patientId in occupants.Select(o => o.PatientId).Distinct())
        {
            names[patientId] = (await directory.FindPatientAsync(patientId, cancellationToken))?.DisplayName;
        }

        var zones = new WardZones(db, directory);
        var wardZones = new Dictionary<Guid, TimeZoneInfo>();
        foreach (var ward in wards)
        {
            wardZones[ward.Id] = await zones.OfFacilityAsync(ward.FacilityId, cancellationToken);
        }

        var numbers = beds.ToDictionary(b => b.Id, b => b.Number);
        var board = wards.ConvertAll(ward =>
        {
            var wardBeds = beds.Where(b => b.WardId == ward.Id).ToList();
            return new WardBoard(
                ward.Id,
                ward.Name,
                ward.FacilityId,
                ward.Type,
                ward.GenderPolicy,
                BedCounts.Of(wardBeds.ConvertAll(b => b.EffectiveStatus(now))),
                [.. wardBeds.GroupBy(b => b.Type).OrderBy(g => g.Key).Select(g => new BedTypeCounts(g.Key, BedCounts.Of([.. g.Select(b => b.EffectiveStatus(now))])))],
                [.. occupants
                    .Where(o => o.WardId == ward.Id)
                    .Select(o => new BedBoardPatient(
                        o.PatientId, names[o.PatientId], o.AdmissionId, o.BedId, numbers[o.BedId], o.AdmittedAt, AdmissionHistory.LengthOfStayDays(o.AdmittedAt, now, wardZones[ward.Id])))
                    .OrderBy(p => p.BedNumber, StringComparer.Ordinal)]);
        });
        return TypedResults.Ok(new BedBoardResponse(now, facilityId, BedCounts.Of(beds.ConvertAll(b => b.EffectiveStatus(now))), board));
    }
}
