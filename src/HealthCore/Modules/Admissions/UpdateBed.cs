using System.ComponentModel.DataAnnotations;
using HealthCore.Platform.Database;
using HealthCore.Platform.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace HealthCore.Modules.Admissions;

/// <summary>Fields left out (null) stay as they are.</summary>
internal sealed record UpdateBedRequest(
    [StringLength(20, MinimumLength = 1)] string? Number,
    BedType? Type,
    [MaxLength(10)] IReadOnlyList<BedFeature>? Features);

internal static class UpdateBed
{
    public static async Task<Results<Ok<BedResponse>, ValidationProblem, NotFoundProblem, ConflictProblem, PreconditionProblem>> Handle(
        Guid id, UpdateBedRequest request, AdmissionsDb db, TimeProvider clock, HttpContext http, CancellationToken cancellationToken)
    {
        var bed = await db.Beds.SingleOrDefaultAsync(b => b.Id == id, cancellationToken);
        if (bed is null)
        {
            return NotFoundProblem.For("Bed", id);
        }

        if (db.CheckIfMatch(http.Request, bed) is { } precondition)
        {
            return precondition;
        }

        var now = clock.GetUtcNow();
        var type = request.Type ?? bed.Type;
        var features = request.Features is { } list ? BedFeatureSet.From(list) : bed.Features;
        var status = bed.EffectiveStatus(now);

        // The placement rules were checked against what the bed was; changing it under a patient would bypass them.
        if ((type != bed.Type || features != bed.Features) && status is BedStatus.Occupied or BedStatus.Reserved)
        {
            return AdmissionRules.Violation(
                AdmissionRules.BedInUse,
                $"Bed {bed.Number} is {AdmissionRules.Name(status)}; its type and features cannot change now.",
                "Change them once the bed is free.",
                ("currentStatus", AdmissionRules.Name(status)));
        }

        var number = request.Number?.Trim() ?? bed.Number;
        var ward = await db.Wards.AsNoTracking().SingleAsync(w => w.Id == bed.WardId, cancellationToken);
        if (number != bed.Number && await db.Beds.AnyAsync(b => b.WardId == bed.WardId && b.Number == number && b.Id != bed.Id, cancellationToken))
        {
            return CreateBed.NumberTaken(ward, number);
        }

        bed.Number = number;
        bed.Type = type;
        bed.Features = features;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException exception) when (exception.IsUniqueViolation())
        {
            return CreateBed.NumberTaken(ward, number);
        }

        http.SetETag(bed);
        return TypedResults.Ok(BedResponse.From(bed, now));
    }
}
