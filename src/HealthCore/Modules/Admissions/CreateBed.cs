using System.ComponentModel.DataAnnotations;
using HealthCore.Platform.Database;
using HealthCore.Platform.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace HealthCore.Modules.Admissions;

internal sealed record CreateBedRequest(
    [Required] Guid? WardId,
    [Required, StringLength(20, MinimumLength = 1)] string Number,
    [Required] BedType? Type,
    [MaxLength(10)] IReadOnlyList<BedFeature>? Features,
    [PlausibleInstant] DateTimeOffset? InServiceSince);

internal static class CreateBed
{
    public static async Task<Results<Created<BedResponse>, ValidationProblem, ConflictProblem>> Handle(
        CreateBedRequest request, AdmissionsDb db, TimeProvider clock, HttpContext http, CancellationToken cancellationToken)
    {
        var ward = await db.Wards.SingleOrDefaultAsync(w => w.Id == request.WardId, cancellationToken);
        if (ward is null)
        {
            return FieldErrors.Invalid("wardId", "No ward with this id exists.");
        }

        var number = request.Number.Trim();
        if (await db.Beds.AnyAsync(b => b.WardId == ward.Id && b.Number == number, cancellationToken))
        {
            return NumberTaken(ward, number);
        }

        if (ward.BedCount >= ward.Capacity)
        {
            return AdmissionRules.Violation(
                AdmissionRules.WardCapacityReached,
                $"Ward {ward.Name} is at its capacity of {ward.Capacity} beds.",
                "Raise the ward's capacity before adding a bed.");
        }

        var now = clock.GetUtcNow();
        var inServiceSince = request.InServiceSince is { } since ? InstantStorage.ToStoredPrecision(since) : now;
        if (inServiceSince > now)
        {
            return FieldErrors.Invalid("inServiceSince", "A bed cannot come into service in the future; create it when it does.");
        }

        var bed = new Bed
        {
            WardId = ward.Id,
            Number = number,
            Type = request.Type!.Value,
            Features = BedFeatureSet.From(request.Features),
            InServiceSince = inServiceSince,
            CreatedAt = now,
        };
        bed.Initialize();
        ward.BedCount++;
        db.Beds.Add(bed);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException exception) when (exception.IsUniqueViolation())
        {
            return NumberTaken(ward, number);
        }
        catch (DbUpdateConcurrencyException)
        {
            return AdmissionRules.Concurrent("ward");
        }

        http.SetETag(bed);
        return TypedResults.Created($"/api/v1/beds/{bed.Id}", BedResponse.From(bed, now));
    }

    public static ConflictProblem NumberTaken(Ward ward, string number) =>
        AdmissionRules.Violation(AdmissionRules.BedNumberTaken, $"Ward {ward.Name} already has a bed {number}.", "Bed numbers are unique within a ward.");
}
