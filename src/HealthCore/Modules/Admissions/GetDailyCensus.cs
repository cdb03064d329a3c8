using HealthCore.Platform.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using HealthCore.Platform.Time;

namespace HealthCore.Modules.Admissions;

/// <param name="MidnightCensus">Patients in a bed at the midnight that ends the day; null for a day that has not ended.</param>
/// <param name="BedDays">Occupied bed time during the day, in days (a bed occupied all day is 1).</param>
/// <param name="Beds">Beds in service (by their inServiceSince) before the day ended.</param>
/// <param name="OccupancyPercent">BedDays over Beds.</param>
/// <param name="AverageLengthOfStayDays">Mean length of stay (midnights) of the admissions discharged that day.</param>
internal sealed record DailyCensusDay(
    DateOnly Date,
    int? MidnightCensus,
    int Admissions,
    int Discharges,
    int TransfersIn,
    int TransfersOut,
    double BedDays,
    int Beds,
    double? OccupancyPercent,
    double? AverageLengthOfStayDays);

internal sealed record DailyCensusResponse(DateOnly From, DateOnly To, string TimeZone, Guid? WardId, Guid? FacilityId, IReadOnlyList<DailyCensusDay> Days);

internal static class GetDailyCensus
{
    public const int MaxDays = 366;

    public static async Task<Results<Ok<DailyCensusResponse>, ValidationProblem, NotFoundProblem>> Handle(
        DateOnly from, DateOnly to, Guid? wardId, Guid? facilityId, AdmissionsDb db, IAdmissionDirectory directory, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        if ((PlausibleDates.OutOfRange("from", from) ?? PlausibleDates.OutOfRange("to", to)) is { } outOfRange)
        {
            return outOfRange;
        }

        // Like every other range of the API, to is exclusive: from=2026-12-01&to=2026-12-02 is one day.
        if (to <= from)
        {
            return FieldErrors.Invalid("to", "to must be after from (to is exclusive).");
        }

        if (to.DayNumber - from.DayNumber > MaxDays)
        {
            return FieldErrors.Invalid("to", $"At most {MaxDays} days at a time.");
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

        var zones = new WardZones(db, directory);
        var zone = await zones.OfFacilityAsync(scope!.FacilityId, cancellationToken);
        var now = clock.GetUtcNow();
        if (to > LocalDays.DateOf(now, zone).AddDays(1))
        {
            return FieldErrors.Invalid("to", "to may not be after tomorrow (the days counted end with today).");
        }

        var rangeStart = LocalDays.StartOf(from, zone);
        var rangeEnd = LocalDays.StartOf(to, zone);
        var bedsInService = await scope.Beds(db).Select(b => b.InServiceSince).ToListAsync(cancellationToken);
        var timelines = await CensusScope.TimelinesAsync(db, rangeStart, rangeEnd, cancellationToken);
        var stays = timelines
            .SelectMany(t => t.Stays.Select(stay => (Timeline: t, Stay: stay)))
            .Where(s => scope.Covers(s.Stay.WardId))
            .ToList();

        // A stay's length is counted in midnights of its own ward's facility, as its discharge recorded it.
        var lengthOfStay = new Dictionary<Stay, int>();
        foreach (var (timeline, stay) in stays.Where(s => s.Stay is { EndedBy: StayBoundary.Discharge, To: not null }))
        {
            lengthOfStay[stay] = AdmissionHistory.LengthOfStayDays(timeline.AdmittedAt, stay.To!.Value, await zones.OfWardAsync(stay.WardId, cancellationToken));
        }

        var days = new List<DailyCensusDay>();
        for (var date = from; date < to; date = date.AddDays(1))
        {
            var start = LocalDays.StartOf(date, zone);
            var end = LocalDays.StartOf(date.AddDays(1), zone);
            bool Within(DateTimeOffset? instant) => instant is { } i && i >= start && i < end;

            var occupied = stays.Sum(s => Overlap(s.Stay, start, end < now ? end : now).Ticks) / (double)(end - start).Ticks;
            var beds = bedsInService.Count(since => since < end);
            var discharged = stays.Where(s => s.Stay.EndedBy == StayBoundary.Discharge && Within(s.Stay.To)).ToList();
            days.Add(new DailyCensusDay(
                date,
                end <= now ? stays.Count(s => s.Stay.Contains(end)) : null,
                stays.Count(s => s.Stay.StartedBy == StayBoundary.Admission && Within(s.Stay.From)),
                discharged.Count,
                stays.Count(s => s.Stay.StartedBy == StayBoundary.Transfer && s.Stay.PreviousWardId != s.Stay.WardId && Within(s.Stay.From)),
                stays.Count(s => s.Stay.EndedBy == StayBoundary.Transfer && s.Stay.NextWardId != s.Stay.WardId && Within(s.Stay.To)),
                Round(occupied, 2),
                beds,
                beds == 0 ? null : Round(occupied / beds * 100, 1),
                discharged.Count == 0
                    ? null
                    : Round(discharged.Average(s => lengthOfStay[s.Stay]), 2)));
        }

        return TypedResults.Ok(new DailyCensusResponse(from, to, zone.Id, wardId, facilityId, days));
    }

    private static TimeSpan Overlap(Stay stay, DateTimeOffset start, DateTimeOffset end)
    {
        var from = stay.From > start ? stay.From : start;
        var to = stay.To is { } left && left < end ? left : end;
        return to > from ? to - from : TimeSpan.Zero;
    }

    private static double Round(double value, int digits) => Math.Round(value, digits, MidpointRounding.AwayFromZero);
}
