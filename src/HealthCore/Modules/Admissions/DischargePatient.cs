using System.ComponentModel.DataAnnotations;
using HealthCore.Modules.Admissions.Contracts;
using HealthCore.Platform.Http;
using HealthCore.Platform.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace HealthCore.Modules.Admissions;

internal sealed record DischargePatientRequest(
    [Required] DischargeType? DischargeType,
    DischargeDisposition? Disposition,
    [StringLength(4000, MinimumLength = 1)] string? Summary,
    [PlausibleInstant] DateTimeOffset? DischargedAt);

internal static class DischargePatient
{
    public static async Task<Results<Ok<AdmissionResponse>, ValidationProblem, NotFoundProblem, ConflictProblem>> Handle(
        Guid id, DischargePatientRequest request, AdmissionsDb db, IAdmissionDirectory directory, TimeProvider clock, ICurrentTenant tenant, HttpContext http,
        CancellationToken cancellationToken)
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

        if (moves.Instant(request.DischargedAt, "dischargedAt", out var at, (admission.LastMovementAt, "the admission's last movement")) is { } badInstant)
        {
            return badInstant;
        }

        var zone = await new WardZones(db, directory).OfWardAsync(admission.WardId, cancellationToken);
        var days = AdmissionHistory.LengthOfStayDays(admission.AdmittedAt, at, zone);
        var (bedId, wardId) = (admission.BedId, admission.WardId);
        if (admission.Status == AdmissionStatus.Active)
        {
            await moves.VacateAsync(admission, at, "Patient discharged.", cancellationToken);
        }

        admission.Status = AdmissionStatus.Discharged;
        admission.ClosedAt = at;
        admission.DischargeType = request.DischargeType!.Value;
        admission.Disposition = request.Disposition;
        admission.DischargeSummary = request.Summary?.Trim();
        admission.LengthOfStayDays = days;
        moves.Append(
            admission, AdmissionEventType.Discharged, at, from: new EventLocation(bedId, wardId, admission.DepartmentId),
            details: new { dischargeType = admission.DischargeType, disposition = admission.Disposition, lengthOfStayDays = days });
        db.Publish(
            new PatientDischarged(
                admission.Id, admission.PatientId, bedId, wardId, QueryEnum.Name(admission.DischargeType.Value),
                admission.Disposition is { } disposition ? QueryEnum.Name(disposition) : null, admission.AdmittedAt, at, days),
            at);
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
