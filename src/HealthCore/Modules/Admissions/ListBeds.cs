using HealthCore.Platform.Http.Paging;
using HealthCore.Platform.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace HealthCore.Modules.Admissions;

internal static class ListBeds
{
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
        if (QueryEnum.TryParse<BedType>(type, "type", out var typeFilter) is { } invalidType)
        {
            return invalidType;
        }

        if (QueryEnum.TryParse<BedStatus>(status, "status", out var statusFilter) is { } invalidStatus)
        {
            return invalidStatus;
        }

        if (QueryEnum.TryParse<BedFeature>(feature, "feature", out var featureFilter) is { } invalidFeature)
        {
            return invalidFeature;
        }

        if (available is not null && status is not null)
        {
            return FieldErrors.Invalid("available", "Give either available or status, not both.");
        }

        var now = clock.GetUtcNow();
        var query = db.Beds.AsNoTracking();
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

        return await KeysetPaging.ByGuidAsync(query, b => b.Id, page, cursors, b => BedResponse.From(b, now), cancellationToken);
    }
}
