using System.ComponentModel.DataAnnotations;
using HealthCore.Platform.Http;
using HealthCore.Platform.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace HealthCore.Modules.Admissions;

internal sealed record BedStatusReasonRequest([Required, StringLength(500, MinimumLength = 1)] string Reason);

internal sealed record OptionalReasonRequest([StringLength(500, MinimumLength = 1)] string? Reason);

/// <summary>
/// The bed status changes that no admission makes: housekeeping (cleaning → available), maintenance and blocking (with
/// a reason), return to service, and releasing a reservation. Each applies only from the statuses it names.
/// </summary>
internal static class ChangeBedStatus
{
    public static Task<Results<Ok<BedResponse>, NotFoundProblem, ConflictProblem>> MarkClean(
        Guid id, AdmissionsDb db, TimeProvider clock, ICurrentTenant tenant, CancellationToken cancellationToken) =>
        MoveAsync(id, "mark-clean", [BedStatus.Cleaning], BedStatus.Available, "Cleaned.", db, clock, tenant, cancellationToken);

    public static Task<Results<Ok<BedResponse>, NotFoundProblem, ConflictProblem>> StartMaintenance(
        Guid id, BedStatusReasonRequest request, AdmissionsDb db, TimeProvider clock, ICurrentTenant tenant, CancellationToken cancellationToken) =>
        MoveAsync(id, "maintenance", [BedStatus.Available, BedStatus.Cleaning], BedStatus.Maintenance, request.Reason.Trim(), db, clock, tenant, cancellationToken);

    public static Task<Results<Ok<BedResponse>, NotFoundProblem, ConflictProblem>> Block(
        Guid id, BedStatusReasonRequest request, AdmissionsDb db, TimeProvider clock, ICurrentTenant tenant, CancellationToken cancellationToken) =>
        MoveAsync(id, "block", [BedStatus.Available, BedStatus.Cleaning, BedStatus.Maintenance], BedStatus.Blocked, request.Reason.Trim(), db, clock, tenant, cancellationToken);

    public static Task<Results<Ok<BedResponse>, NotFoundProblem, ConflictProblem>> ReturnToService(
        Guid id, OptionalReasonRequest? request, AdmissionsDb db, TimeProvider clock, ICurrentTenant tenant, CancellationToken cancellationToken) =>
        MoveAsync(id, "return-to-service", [BedStatus.Maintenance, BedStatus.Blocked], BedStatus.Available, request?.Reason?.Trim(), db, clock, tenant, cancellationToken);

    public static Task<Results<Ok<BedResponse>, NotFoundProblem, ConflictProblem>> Release(
        Guid id, OptionalReasonRequest? request, AdmissionsDb db, TimeProvider clock, ICurrentTenant tenant, CancellationToken cancellationToken) =>
        MoveAsync(id, "release", [BedStatus.Reserved], BedStatus.Available, request?.Reason?.Trim() ?? "Reservation released.", db, clock, tenant, cancellationToken);

    private static async Task<Results<Ok<BedResponse>, NotFoundProblem, ConflictProblem>> MoveAsync(
        Guid id, string action, BedStatus[] from, BedStatus to, string? reason, AdmissionsDb db, TimeProvider clock, ICurrentTenant tenant, CancellationToken cancellationToken)
    {
        var moves = new Movements(db, clock, tenant);
        await using var transaction = await moves.LockAsync(id, null, cancellationToken);
        var bed = await db.Beds.SingleOrDefaultAsync(b => b.Id == id, cancellationToken);
        if (bed is null)
        {
            return NotFoundProblem.For("Bed", id);
        }

        if (!from.Contains(bed.EffectiveStatus(moves.Now)))
        {
            return IllegalTransition(bed, action, from, moves.Now);
        }

        if (bed.ExpireReservation(moves.Now) is { } expired)
        {
            moves.RecordBedChange(expired, admission: null);
        }

        moves.RecordBedChange(bed.MoveTo(to, moves.Now, reason, moves.ActorId), admission: null);
        if (await moves.SaveAsync(() => Task.FromResult(AdmissionRules.Concurrent("bed")), cancellationToken) is { } conflict)
        {
            return conflict;
        }

        return TypedResults.Ok(BedResponse.From(bed, moves.Now));
    }

    public static ConflictProblem IllegalTransition(Bed bed, string action, IReadOnlyList<BedStatus> from, DateTimeOffset now)
    {
        var status = bed.EffectiveStatus(now);
        return AdmissionRules.Violation(
            AdmissionRules.IllegalBedTransition,
            $"Bed {bed.Number} is {QueryEnum.Name(status)}.",
            $"{action} applies only to a bed that is {string.Join(" or ", from.Select(QueryEnum.Name))}.",
            ("currentStatus", QueryEnum.Name(status)));
    }
}
