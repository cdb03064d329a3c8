using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using HealthCore.Platform.Database;
using HealthCore.Platform.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace HealthCore.Modules.Admissions;

/// <summary>
/// A bed's editable fields, the document a PATCH merges into (its ward and in-service date are not among them, so
/// sending them is an unknown-property 400). Null features means none.
/// </summary>
internal sealed record BedInput(
    [Required, StringLength(20, MinimumLength = 1)] string Number,
    [Required] BedType? Type,
    [MaxLength(10)] IReadOnlyList<BedFeature>? Features);

internal static class UpdateBed
{
    public static async Task<Results<Ok<BedResponse>, ValidationProblem, NotFoundProblem, ConflictProblem, PreconditionProblem>> Handle(
        Guid id, [FromBody] JsonElement patch, AdmissionsDb db, MergePatch mergePatch, TimeProvider clock, HttpContext http, CancellationToken cancellationToken)
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

        var (input, problem) = mergePatch.Apply(new BedInput(bed.Number, bed.Type, BedFeatureSet.ToList(bed.Features)), patch);
        if (problem is not null)
        {
            return problem;
        }

        var now = clock.GetUtcNow();
        var type = input!.Type!.Value;
        var features = BedFeatureSet.From(input.Features);
        var status = bed.EffectiveStatus(now);

        // The placement rules were checked against what the bed was; changing it under a patient would bypass them.
        if ((type != bed.Type || features != bed.Features) && status is BedStatus.Occupied or BedStatus.Reserved)
        {
            return AdmissionRules.Violation(
                AdmissionRules.BedInUse,
                $"Bed {bed.Number} is {QueryEnum.Name(status)}; its type and features cannot change now.",
                "Change them once the bed is free.",
                ("currentStatus", QueryEnum.Name(status)));
        }

        var number = input.Number.Trim();
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
