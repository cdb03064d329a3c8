using HealthCore.Platform.Http.Paging;
using HealthCore.Platform.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace HealthCore.Modules.Admissions;

internal sealed record BedCursor(Guid After);

internal static class ListBeds
{
    /// <summary>
    /// Beds by ward, type, status and feature; <c>available=true</c> is <c>status=available</c>. Status is the bed's
    /// status now: a reservation past its expiry counts as available.
    /// </summary>
    public static async Task<Results<Ok<Page<BedResponse>>, ValidationProblem>> Handle(
        [AsParameters] PageRequest page,
        Guid? wardId,
        string? type,
        string? status,
        string? feature,
        bool? available,
        AdmissionsDb db,
        CursorCodec cursors,
        TimeProvider clock,
        CancellationToken cancellationToken)
    {
        if (QueryEnums.TryParse<BedType>(type, "type", out var typeFilter) is { } invalidType)
        {
            return invalidType;
        }

        if (QueryEnums.TryParse<BedStatus>(status, "status", out var statusFilter) is { } invalidStatus)
        {
            return invalidStatus;
        }

        if (QueryEnums.TryParse<BedFeature>(feature, "feature", out var featureFilter) is { } invalidFeature)
        {
            return invalidFeature;
        }

        if (available is not null && status is not null)
        {
            return FieldErrors.Invalid("available", "Give either available or status, not both.");
        }

        var now = clock.GetUtcNow();
        var query = db.Beds.AsNoTracking().OrderBy(b => b.Id).AsQueryable();
        if (wardId is { } ward)
        {
            query = query.Where(b => b.WardId == ward);
        }

        if (typeFilter is { } bedType)
        {
            query = query.Where(b => b.Type == bedType);
        }

        if (featureFilter is { } wanted)
        {
            var flag = BedFeatureSet.From([wanted]);
            query = query.Where(b => (b.Features & flag) == flag);
        }

        query = (available, statusFilter) switch
        {
            (true, _) or (_, BedStatus.Available) => query.Where(b =>
                b.Status == BedStatus.Available || (b.Status == BedStatus.Reserved && b.ReservationExpiresAt <= now)),
            (false, _) => query.Where(b =>
                b.Status != BedStatus.Available && !(b.Status == BedStatus.Reserved && b.ReservationExpiresAt <= now)),
            (_, BedStatus.Reserved) => query.Where(b => b.Status == BedStatus.Reserved && b.ReservationExpiresAt > now),
            (_, { } other) => query.Where(b => b.Status == other),
            _ => query,
        };

        if (page.Cursor is not null)
        {
            if (!cursors.TryDecode<BedCursor>(page.Cursor, out var position))
            {
                return Paging.InvalidCursor();
            }

            query = query.Where(b => b.Id.CompareTo(position!.After) > 0);
        }

        var rows = await query.Take(page.EffectiveLimit + 1).ToListAsync(cancellationToken);
        return TypedResults.Ok(Paging.ToPage(rows, page.EffectiveLimit, b => cursors.Encode(new BedCursor(b.Id)), b => BedResponse.From(b, now)));
    }
}
