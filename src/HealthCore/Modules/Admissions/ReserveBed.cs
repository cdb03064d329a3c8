using System.ComponentModel.DataAnnotations;
using HealthCore.Platform.Database;
using HealthCore.Platform.Http;
using HealthCore.Platform.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace HealthCore.Modules.Admissions;

internal sealed record ReserveBedRequest(
    [Required] Guid? PatientId,
    [Required, PlausibleInstant] DateTimeOffset? ExpiresAt,
    [StringLength(500, MinimumLength = 1)] string? Note);

internal static class ReserveBed
{
    /// <summary>How far ahead a bed may be held: a reservation is for an incoming patient, not a booking.</summary>
    public static readonly TimeSpan LongestHold = TimeSpan.FromDays(7);

    public static async Task<Results<Ok<BedResponse>, ValidationProblem, NotFoundProblem, ConflictProblem>> Handle(
        Guid id, ReserveBedRequest request, AdmissionsDb db, IAdmissionDirectory directory, TimeProvider clock, ICurrentTenant tenant,
        CancellationToken cancellationToken)
    {
        var moves = new Movements(db, clock, tenant);
        await using var transaction = await moves.LockAsync(id, null, cancellationToken);
        var bed = await db.Beds.SingleOrDefaultAsync(b => b.Id == id, cancellationToken);
        if (bed is null)
        {
            return NotFoundProblem.For("Bed", id);
        }

        var expiresAt = request.ExpiresAt!.Value;
        if (expiresAt <= moves.Now || expiresAt > moves.Now + LongestHold)
        {
            return FieldErrors.Invalid("expiresAt", $"The expiry must be in the future and at most {LongestHold.TotalDays} days ahead.");
        }

        var patientId = request.PatientId!.Value;
        var patient = await directory.FindPatientAsync(patientId, cancellationToken);
        if (patient is null)
        {
            return FieldErrors.Invalid("patientId", "No patient with this id exists.");
        }

        if (!patient.Active)
        {
            return PatientInactive(patientId);
        }

        if (bed.EffectiveStatus(moves.Now) != BedStatus.Available)
        {
            return ChangeBedStatus.IllegalTransition(bed, "reserve", [BedStatus.Available], moves.Now);
        }

        var ward = await db.Wards.AsNoTracking().SingleAsync(w => w.Id == bed.WardId, cancellationToken);
        if (!AdmissionRules.AdmitsGender(ward.GenderPolicy, patient.Gender))
        {
            return AdmissionRules.GenderViolation(ward, ward.GenderPolicy, patient);
        }

        if (bed.ExpireReservation(moves.Now) is { } expired)
        {
            moves.RecordBedChange(expired, admission: null);
        }

        moves.RecordBedChange(
            bed.MoveTo(BedStatus.Reserved, moves.Now, request.Note?.Trim(), moves.ActorId, reservedFor: patientId, reservedUntil: InstantStorage.ToStoredPrecision(expiresAt)),
            admission: null);
        if (await moves.SaveAsync(() => Task.FromResult(AdmissionRules.Concurrent("bed")), cancellationToken) is { } conflict)
        {
            return conflict;
        }

        return TypedResults.Ok(BedResponse.From(bed, moves.Now));
    }

    public static ConflictProblem PatientInactive(Guid patientId) =>
        AdmissionRules.Violation(
            AdmissionRules.PatientInactive,
            "The patient is inactive.",
            $"Patient {patientId} is inactive (deceased, merged or deactivated) and cannot be admitted or hold a bed.");
}
