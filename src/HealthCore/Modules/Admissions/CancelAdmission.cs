using System.ComponentModel.DataAnnotations;
using HealthCore.Modules.Admissions.Contracts;
using HealthCore.Platform.Http;
using HealthCore.Platform.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace HealthCore.Modules.Admissions;

internal sealed record CancelAdmissionRequest([Required, StringLength(1000, MinimumLength = 1)] string Reason);

internal static class CancelAdmission
{
    public static async Task<Results<Ok<AdmissionResponse>, NotFoundProblem, ConflictProblem>> Handle(
        Guid id, CancelAdmissionRequest request, AdmissionsDb db, TimeProvider clock, ICurrentTenant tenant, HttpContext http, CancellationToken cancellationToken)
    {
        var moves = new Movements(db, clock, tenant);
        await using var transaction = await moves.LockAsync(null, id, cancellationToken);
        var (admission, missing, closed) = await BedPlacement.LoadOpenAsync(db, id, cancellationToken);
        if (admission is null)
        {
            return missing!;
        }

        if (closed is not null)
        {
            return closed;
        }

        if (admission.TransferCount > 0)
        {
            return AdmissionRules.Violation(
                AdmissionRules.AdmissionHasTransfers,
                "An admission with transfers cannot be cancelled.",
                $"The patient was transferred {admission.TransferCount} time(s); discharge the admission instead.",
                ("currentStatus", QueryEnum.Name(admission.Status)));
        }

        var at = moves.Now < admission.LastMovementAt ? admission.LastMovementAt : moves.Now;
        var reason = request.Reason.Trim();
        if (admission.Status == AdmissionStatus.Active)
        {
            await moves.VacateAsync(admission, at, "Admission cancelled (entered in error).", cancellationToken);
        }

        admission.Status = AdmissionStatus.Cancelled;
        admission.ClosedAt = at;
        admission.CancelReason = reason;
        moves.Append(admission, AdmissionEventType.Cancelled, at, reason: reason);
        db.Publish(new AdmissionCancelled(admission.Id, admission.PatientId, reason, at), at);
        var conflict = await moves.SaveAsync(
            async () => await TransferPatient.ClosedNowAsync(db, id, cancellationToken) ?? AdmissionRules.Concurrent("admission"),
            cancellationToken);
        if (conflict is not null)
        {
            return conflict;
        }

        http.SetETag(admission);
        return TypedResults.Ok(await AdmissionResponse.LoadAsync(db, admission, cancellationToken));
    }
}
