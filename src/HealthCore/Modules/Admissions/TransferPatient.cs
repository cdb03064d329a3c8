using System.ComponentModel.DataAnnotations;
using HealthCore.Modules.Admissions.Contracts;
using HealthCore.Platform.Http;
using HealthCore.Platform.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace HealthCore.Modules.Admissions;

/// <summary>Moves an admitted patient to another bed; acuity, isolation, department and attending may change with the move.</summary>
internal sealed record TransferPatientRequest(
    [Required] Guid? BedId,
    [Required, StringLength(1000, MinimumLength = 1)] string Reason,
    Guid? DepartmentId,
    Guid? AttendingPractitionerId,
    AcuityLevel? Acuity,
    bool? IsolationRequired,
    IsolationKind? IsolationKind,
    [PlausibleInstant] DateTimeOffset? TransferredAt) : IValidatableObject
{
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (IsolationKind is not null && IsolationRequired == false)
        {
            yield return new ValidationResult("An isolation kind needs isolation to be required.", [nameof(IsolationKind)]);
        }
    }
}

internal static class TransferPatient
{
    public static async Task<Results<Ok<AdmissionResponse>, ValidationProblem, NotFoundProblem, ConflictProblem>> Handle(
        Guid id, TransferPatientRequest request, AdmissionsDb db, IAdmissionDirectory directory, TimeProvider clock, ICurrentTenant tenant, HttpContext http,
        CancellationToken cancellationToken)
    {
        var moves = new Movements(db, clock, tenant);
        await using var transaction = await moves.LockAsync(request.BedId, id, cancellationToken);
        var (admission, missing, closed) = await BedPlacement.LoadOpenAsync(db, id, cancellationToken);
        if (admission is null)
        {
            return missing!;
        }

        if (closed is not null)
        {
            return closed;
        }

        if (admission.Status == AdmissionStatus.Pending)
        {
            return AdmissionRules.Violation(
                AdmissionRules.AdmissionPending,
                "The admission has no bed to transfer from.",
                "A pending admission is given its first bed with POST /api/v1/beds/{id}/assign.",
                ("currentStatus", QueryEnum.Name(admission.Status)));
        }

        if (request.BedId == admission.BedId)
        {
            return AdmissionRules.Violation(AdmissionRules.SameBed, "The patient is already in this bed.", "A transfer needs a different bed.");
        }

        if (request.DepartmentId is { } department && department != admission.DepartmentId && !await directory.IsActiveDepartmentAsync(department, cancellationToken))
        {
            return FieldErrors.Invalid("departmentId", "No active department with this id exists.");
        }

        if (request.AttendingPractitionerId is { } attending && !await directory.IsActivePractitionerAsync(attending, cancellationToken))
        {
            return FieldErrors.Invalid("attendingPractitionerId", "No active practitioner with this id exists.");
        }

        var bed = await db.Beds.SingleOrDefaultAsync(b => b.Id == request.BedId, cancellationToken);
        if (bed is null)
        {
            return FieldErrors.Invalid("bedId", "No bed with this id exists.");
        }

        // The patient's needs after the move are what the new bed must meet (e.g. stepping down from ICU acuity).
        admission.Acuity = request.Acuity ?? admission.Acuity;
        admission.IsolationRequired = request.IsolationRequired ?? admission.IsolationRequired;
        admission.IsolationKind = admission.IsolationRequired ? request.IsolationKind ?? admission.IsolationKind : null;

        var (ward, problem) = await BedPlacement.CheckAsync(db, directory, bed, admission, moves.Now, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        if (moves.MoveInstant(request.TransferredAt, "transferredAt", admission, bed, out var at) is { } badInstant)
        {
            return badInstant;
        }

        var from = new EventLocation(admission.BedId, admission.WardId, admission.DepartmentId);
        admission.DepartmentId = request.DepartmentId ?? admission.DepartmentId;
        admission.AttendingPractitionerId = request.AttendingPractitionerId ?? admission.AttendingPractitionerId;
        admission.TransferCount++;
        var reason = request.Reason.Trim();
        moves.Append(admission, AdmissionEventType.Transferred, at, new EventLocation(bed.Id, ward.Id, admission.DepartmentId), from, reason: reason);
        await moves.VacateAsync(admission, at, "Patient transferred out.", cancellationToken);
        moves.Occupy(bed, ward, admission, at);
        db.Publish(
            new PatientTransferred(admission.Id, admission.PatientId, from.BedId, from.WardId, bed.Id, ward.Id, from.DepartmentId!.Value, admission.DepartmentId, reason, at),
            at);
        var conflict = await moves.SaveAsync(
            async () => await AdmitPatient.BedTakenAsync(db, bed.Id, admission.PatientId, moves.Now, cancellationToken)
                ?? await ClosedNowAsync(db, id, cancellationToken)
                ?? AdmissionRules.Concurrent("admission"),
            cancellationToken);
        if (conflict is not null)
        {
            return conflict;
        }

        http.SetETag(admission);
        return TypedResults.Ok(await AdmissionResponse.LoadAsync(db, admission, cancellationToken));
    }

    /// <summary>After a lost race: the admission was closed by the request that won.</summary>
    public static async Task<ConflictProblem?> ClosedNowAsync(AdmissionsDb db, Guid id, CancellationToken cancellationToken)
    {
        var admission = await db.Admissions.AsNoTracking().SingleAsync(a => a.Id == id, cancellationToken);
        return BedPlacement.CheckOpen(admission);
    }
}
