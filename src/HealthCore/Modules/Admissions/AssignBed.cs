using System.ComponentModel.DataAnnotations;
using HealthCore.Modules.Admissions.Contracts;
using HealthCore.Platform.Http;
using HealthCore.Platform.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace HealthCore.Modules.Admissions;

internal sealed record AssignBedRequest([Required] Guid? AdmissionId, [PlausibleInstant] DateTimeOffset? AssignedAt);

internal static class AssignBed
{
    public static async Task<Results<Ok<AdmissionResponse>, ValidationProblem, NotFoundProblem, ConflictProblem>> Handle(
        Guid id, AssignBedRequest request, AdmissionsDb db, IAdmissionDirectory directory, TimeProvider clock, ICurrentTenant tenant, HttpContext http,
        CancellationToken cancellationToken)
    {
        var moves = new Movements(db, clock, tenant);
        await using var transaction = await moves.LockAsync(id, request.AdmissionId, cancellationToken);
        var bed = await db.Beds.SingleOrDefaultAsync(b => b.Id == id, cancellationToken);
        if (bed is null)
        {
            return NotFoundProblem.For("Bed", id);
        }

        var admission = await db.Admissions.SingleOrDefaultAsync(a => a.Id == request.AdmissionId, cancellationToken);
        if (admission is null)
        {
            return FieldErrors.Invalid("admissionId", "No admission with this id exists.");
        }

        if (BedPlacement.CheckOpen(admission) is { } closed)
        {
            return closed;
        }

        if (admission.Status != AdmissionStatus.Pending)
        {
            return AdmissionRules.Violation(
                AdmissionRules.AdmissionNotPending,
                "The admission already has a bed.",
                "Only a pending admission is assigned a bed; move an admitted patient with POST /api/v1/admissions/{id}/transfer.",
                ("currentStatus", QueryEnum.Name(admission.Status)));
        }

        var (ward, problem) = await BedPlacement.CheckAsync(db, directory, bed, admission, moves.Now, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        if (moves.MoveInstant(request.AssignedAt, "assignedAt", admission, bed, out var at) is { } badInstant)
        {
            return badInstant;
        }

        moves.Append(admission, AdmissionEventType.BedAssigned, at, new EventLocation(bed.Id, ward.Id, admission.DepartmentId));
        moves.Occupy(bed, ward, admission, at);
        db.Publish(
            new PatientTransferred(admission.Id, admission.PatientId, null, null, bed.Id, ward.Id, admission.DepartmentId, admission.DepartmentId, "Bed assigned.", at),
            at);
        var conflict = await moves.SaveAsync(
            async () => await AdmitPatient.BedTakenAsync(db, bed.Id, admission.PatientId, moves.Now, cancellationToken) ?? AdmissionRules.Concurrent("admission"),
            cancellationToken);
        if (conflict is not null)
        {
            return conflict;
        }

        http.SetETag(admission);
        return TypedResults.Ok(await AdmissionResponse.LoadAsync(db, admission, cancellationToken));
    }
}
