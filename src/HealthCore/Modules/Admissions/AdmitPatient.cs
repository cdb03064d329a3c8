using System.ComponentModel.DataAnnotations;
using HealthCore.Modules.Admissions.Contracts;
using HealthCore.Platform.Http;
using HealthCore.Platform.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using HealthCore.Platform.Time;

namespace HealthCore.Modules.Admissions;

/// <summary>Either a bed, or <c>pending: true</c> to admit the patient while they wait for one.</summary>
internal sealed record AdmitPatientRequest(
    [Required] Guid? PatientId,
    [Required] Guid? AdmittingPractitionerId,
    Guid? AttendingPractitionerId,
    [Required] Guid? DepartmentId,
    [Required, StringLength(1000, MinimumLength = 1)] string Reason,
    [StringLength(1000, MinimumLength = 1)] string? Diagnosis,
    [Required] AdmissionType? AdmissionType,
    AcuityLevel? Acuity,
    bool? IsolationRequired,
    IsolationKind? IsolationKind,
    [PlausibleDate] DateOnly? ExpectedDischargeDate,
    Guid? BedId,
    bool? Pending,
    [PlausibleInstant] DateTimeOffset? AdmittedAt) : IValidatableObject
{
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (BedId is null && Pending != true)
        {
            yield return new ValidationResult("Give a bed, or pending: true to admit the patient while they wait for one.", [nameof(BedId)]);
        }

        if (BedId is not null && Pending == true)
        {
            yield return new ValidationResult("An admission with a bed is not pending.", [nameof(Pending)]);
        }

        if (IsolationKind is not null && IsolationRequired != true)
        {
            yield return new ValidationResult("An isolation kind needs isolationRequired: true.", [nameof(IsolationKind)]);
        }
    }
}

internal static class AdmitPatient
{
    public static async Task<Results<Created<AdmissionResponse>, ValidationProblem, ConflictProblem>> Handle(
        AdmitPatientRequest request, AdmissionsDb db, IAdmissionDirectory directory, TimeProvider clock, ICurrentTenant tenant, HttpContext http,
        CancellationToken cancellationToken)
    {
        var moves = new Movements(db, clock, tenant);
        await using var transaction = await moves.LockAsync(request.BedId, null, cancellationToken);
        var patientId = request.PatientId!.Value;
        if (await CheckReferencesAsync(request, directory, tenant.Facilities, cancellationToken) is { } invalid)
        {
            return invalid;
        }

        var patient = await directory.FindPatientAsync(patientId, cancellationToken);
        if (patient is null)
        {
            return FieldErrors.Invalid("patientId", "No patient with this id exists.");
        }

        if (!patient.Active)
        {
            return ReserveBed.PatientInactive(patientId);
        }

        if (await AlreadyAdmittedAsync(db, patientId, cancellationToken) is { } admitted)
        {
            return admitted;
        }

        var lastDischarge = await db.Admissions.AsNoTracking()
            .Where(a => a.PatientId == patientId && a.Status == AdmissionStatus.Discharged)
            .MaxAsync(a => a.ClosedAt, cancellationToken);
        var notBefore = new List<(DateTimeOffset, string)>();
        if (lastDischarge is { } discharged)
        {
            notBefore.Add((discharged, "the patient's last discharge"));
        }

        Bed? bed = null;
        Ward? ward = null;
        if (request.BedId is { } bedId)
        {
            bed = await db.Beds.SingleOrDefaultAsync(b => b.Id == bedId, cancellationToken);
            if (bed is null)
            {
                return FieldErrors.Invalid("bedId", "No bed with this id exists.");
            }

            ward = await db.Wards.AsNoTracking().SingleAsync(w => w.Id == bed.WardId, cancellationToken);
            var placement = AdmissionRules.CheckAvailable(bed, patientId, moves.Now)
                ?? AdmissionRules.CheckPlacement(ward, bed, patient, request.Acuity ?? AcuityLevel.Standard, request.IsolationRequired ?? false, request.IsolationKind);
            if (placement is not null)
            {
                return placement;
            }

            notBefore.Add((bed.EffectiveSince(moves.Now), "the bed's last status change"));
        }

        if (moves.Instant(request.AdmittedAt, "admittedAt", out var admittedAt, [.. notBefore]) is { } badInstant)
        {
            return badInstant;
        }

        var zone = await directory.TimeZoneAsync(ward?.FacilityId, cancellationToken);
        if (request.ExpectedDischargeDate is { } expected && expected < LocalDays.DateOf(admittedAt, zone))
        {
            return FieldErrors.Invalid("expectedDischargeDate", "The expected discharge date may not be before the admission.");
        }

        var admission = new Admission
        {
            PatientId = patientId,
            AdmittingPractitionerId = request.AdmittingPractitionerId!.Value,
            AttendingPractitionerId = request.AttendingPractitionerId,
            DepartmentId = request.DepartmentId!.Value,
            Reason = request.Reason.Trim(),
            Diagnosis = request.Diagnosis?.Trim(),
            Type = request.AdmissionType!.Value,
            Acuity = request.Acuity ?? AcuityLevel.Standard,
            IsolationRequired = request.IsolationRequired ?? false,
            IsolationKind = request.IsolationKind,
            ExpectedDischargeDate = request.ExpectedDischargeDate,
            Status = AdmissionStatus.Pending,
            FacilityId = ward?.FacilityId ?? await directory.FacilityOfDepartmentAsync(request.DepartmentId!.Value, cancellationToken),
            AdmittedAt = admittedAt,
            CreatedAt = moves.Now,
        };
        db.Admissions.Add(admission);
        moves.Append(admission, AdmissionEventType.Admitted, admittedAt, new EventLocation(bed?.Id, bed?.WardId, admission.DepartmentId), reason: admission.Reason);
        if (bed is not null)
        {
            moves.Occupy(bed, ward!, admission, admittedAt);
        }

        db.Publish(
            new PatientAdmitted(admission.Id, patientId, admission.DepartmentId, admission.AdmittingPractitionerId, QueryEnum.Name(admission.Type), bed?.Id, ward?.Id, admittedAt),
            admittedAt);

        var conflict = await moves.SaveAsync(
            async () => await AlreadyAdmittedAsync(db, patientId, cancellationToken)
                ?? await BedTakenAsync(db, request.BedId, patientId, moves.Now, cancellationToken)
                ?? AdmissionRules.Concurrent("bed"),
            cancellationToken);
        if (conflict is not null)
        {
            return conflict;
        }

        http.SetETag(admission);
        return TypedResults.Created($"/api/v1/admissions/{admission.Id}", await AdmissionResponse.LoadAsync(db, admission, cancellationToken));
    }

    private static async Task<ValidationProblem?> CheckReferencesAsync(
        AdmitPatientRequest request, IAdmissionDirectory directory, FacilityAccess facilities, CancellationToken cancellationToken)
    {
        if (!await directory.IsActivePractitionerAsync(request.AdmittingPractitionerId!.Value, cancellationToken))
        {
            return FieldErrors.Invalid("admittingPractitionerId", "No active practitioner with this id exists.");
        }

        if (request.AttendingPractitionerId is { } attending && !await directory.IsActivePractitionerAsync(attending, cancellationToken))
        {
            return FieldErrors.Invalid("attendingPractitionerId", "No active practitioner with this id exists.");
        }

        if (!await directory.IsActiveDepartmentAsync(request.DepartmentId!.Value, cancellationToken))
        {
            return FieldErrors.Invalid("departmentId", "No active department with this id exists.");
        }

        // A patient waiting for a bed belongs to the department's facility: the caller must be allowed there.
        return request.BedId is null && !facilities.Allows(await directory.FacilityOfDepartmentAsync(request.DepartmentId!.Value, cancellationToken))
            ? FieldErrors.Invalid("departmentId", "The department belongs to a facility you are not assigned to.")
            : null;
    }

    private static async Task<ConflictProblem?> AlreadyAdmittedAsync(AdmissionsDb db, Guid patientId, CancellationToken cancellationToken)
    {
        var open = await db.Admissions.AsNoTracking()
            .Where(a => a.PatientId == patientId && a.ClosedAt == null)
            .Select(a => (Guid?)a.Id)
            .FirstOrDefaultAsync(cancellationToken);
        return open is { } id
            ? AdmissionRules.Violation(
                AdmissionRules.PatientAlreadyAdmitted,
                "The patient is already admitted.",
                $"Admission {id} is open; discharge or cancel it first.",
                ("admissionId", id))
            : null;
    }

    /// <summary>After a lost race: what the bed looks like now that the winner has it.</summary>
    public static async Task<ConflictProblem?> BedTakenAsync(AdmissionsDb db, Guid? bedId, Guid patientId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (bedId is null)
        {
            return null;
        }

        var bed = await db.Beds.AsNoTracking().SingleOrDefaultAsync(b => b.Id == bedId, cancellationToken);
        return bed is null ? null : AdmissionRules.CheckAvailable(bed, patientId, now);
    }
}
