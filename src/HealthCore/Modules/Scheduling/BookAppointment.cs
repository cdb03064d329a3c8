using System.ComponentModel.DataAnnotations;
using HealthCore.Modules.Identity.Contracts;
using HealthCore.Platform.Http;
using HealthCore.Platform.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace HealthCore.Modules.Scheduling;

/// <param name="EndsAt">The end; or give durationMinutes; or neither for one slot of the schedule.</param>
/// <param name="ExamType">Selects the department's preparation rule <c>preparation.&lt;examType&gt;</c> (default: the modality, else the type).</param>
/// <param name="Overbook">Book even if the slot is full; needs the appointments.overbook permission and is audited as "overbook".</param>
internal sealed record BookAppointmentRequest(
    [Required] Guid? PatientId,
    Guid? PractitionerId,
    [StringLength(SchedulingDb.ModalityLength, MinimumLength = 1)] string? Modality,
    [Required] Guid? DepartmentId,
    [Required] DateTimeOffset? StartsAt,
    DateTimeOffset? EndsAt,
    [Range(5, 480)] int? DurationMinutes,
    [Required] AppointmentType? Type,
    [StringLength(SchedulingDb.TextLength)] string? Reason,
    [StringLength(SchedulingDb.NotesLength)] string? Notes,
    [StringLength(SchedulingDb.ModalityLength)] string? ExamType,
    [StringLength(SchedulingDb.NotesLength)] string? PreparationInstructions,
    bool Overbook = false) : IValidatableObject
{
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if ((PractitionerId is null) == (Modality is null))
        {
            yield return new ValidationResult("Book either a practitionerId or a modality (e.g. \"mri\"), not both.", [nameof(PractitionerId)]);
        }

        foreach (var problem in AppointmentTimes.Check(StartsAt, EndsAt, DurationMinutes))
        {
            yield return problem;
        }
    }
}

internal static class AppointmentTimes
{
    public static readonly TimeSpan Longest = TimeSpan.FromHours(8);

    public static IEnumerable<ValidationResult> Check(DateTimeOffset? start, DateTimeOffset? end, int? durationMinutes)
    {
        if (end is not null && durationMinutes is not null)
        {
            yield return new ValidationResult("Give endsAt or durationMinutes, not both.", ["EndsAt"]);
        }

        if (start is not null && end is not null && end <= start)
        {
            yield return new ValidationResult("endsAt must be after startsAt.", ["EndsAt"]);
        }

        if (start is not null && end is not null && end - start > Longest)
        {
            yield return new ValidationResult($"An appointment lasts at most {Longest.TotalHours} hours.", ["EndsAt"]);
        }
    }

    public static DateTimeOffset? EndOf(DateTimeOffset start, DateTimeOffset? end, int? durationMinutes) =>
        end ?? (durationMinutes is { } minutes ? start.AddMinutes(minutes) : null);
}

internal static class BookAppointment
{
    public static async Task<Results<Created<AppointmentResponse>, ValidationProblem, ForbiddenProblem, UnprocessableProblem, ConflictProblem>> Handle(
        BookAppointmentRequest request, SchedulingDb db, SchedulingLookups lookups, IAuthorizationService authorization, ICurrentTenant current,
        TimeProvider clock, HttpContext http, CancellationToken cancellationToken)
    {
        if (request.Overbook
            && !(await authorization.AuthorizeAsync(http.User, null, new PermissionRequirement(Permissions.AppointmentsOverbook))).Succeeded)
        {
            return new ForbiddenProblem(
                "Overbooking is not permitted.", $"Booking beyond a slot's capacity needs the {Permissions.AppointmentsOverbook} permission.");
        }

        var patientId = request.PatientId!.Value;
        var departmentId = request.DepartmentId!.Value;

        // One pooled connection for the lookups and the transaction below, instead of one (and its reset) per query.
        await db.Database.OpenConnectionAsync(cancellationToken);
        var patient = await lookups.FindPatientAsync(patientId, cancellationToken);
        if (patient is null)
        {
            return FieldErrors.Invalid("patientId", $"No patient with id '{patientId}' exists in this tenant.");
        }

        if (!patient.Active)
        {
            return Booking.PatientInactive(patientId);
        }

        var start = request.StartsAt!.Value;
        var modality = request.Modality?.Trim().ToLowerInvariant();
        var examType = request.ExamType?.Trim().ToLowerInvariant() ?? modality ?? QueryEnum.Name(request.Type!.Value);
        var (practitionerExists, departmentExists, preparation) = await lookups.BookingResourcesAsync(
            request.PractitionerId, departmentId, request.PreparationInstructions is null ? examType : null, start, cancellationToken);
        if (Booking.ResourcesProblem(request.PractitionerId, practitionerExists, departmentId, departmentExists) is { } invalid)
        {
            return invalid;
        }

        var now = clock.GetUtcNow();
        var defaults = await lookups.DefaultsAsync(cancellationToken);
        if (Booking.WhenProblem(start, now, defaults) is { } when)
        {
            return when;
        }

        var resourceKey = request.PractitionerId is { } practitionerId ? Schedule.PractitionerKey(practitionerId) : Schedule.ModalityKey(departmentId, modality!);
        var (placement, refusal) = await Placements.FindAsync(
            db, resourceKey, start, AppointmentTimes.EndOf(start, request.EndsAt, request.DurationMinutes), cancellationToken);
        if (placement is null)
        {
            return new UnprocessableProblem("The time is not bookable.", refusal);
        }

        if (placement.Schedule.DepartmentId != departmentId)
        {
            return FieldErrors.Invalid(
                "departmentId", $"At that time the resource works for department {placement.Schedule.DepartmentId}, not {departmentId}.");
        }

        preparation = request.PreparationInstructions ?? preparation;
        var appointment = new Appointment
        {
            PatientId = patientId,
            ScheduleId = placement.Schedule.Id,
            PractitionerId = placement.Schedule.PractitionerId,
            Modality = placement.Schedule.Modality,
            DepartmentId = departmentId,
            ResourceKey = resourceKey,
            StartsAt = placement.StartsAt,
            EndsAt = placement.EndsAt,
            Type = request.Type!.Value,
            Reason = request.Reason,
            Notes = request.Notes,
            ExamType = request.ExamType is null ? null : examType,
            PreparationInstructions = preparation,
            Overbooked = request.Overbook,
            CreatedAt = now,
            CreatedBy = current.UserId,
        };

        // Fail fast without locks when the slot is visibly full; the authoritative check is under the lock below.
        if (!request.Overbook && Booking.VisiblyFull(placement) is { } full)
        {
            return Booking.SlotFull(placement, full);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (await Placements.LockPatientAndFindOverlapAsync(db, patientId, appointment.StartsAt, appointment.EndsAt, null, cancellationToken) is { } other)
        {
            return Booking.PatientBusy(other);
        }

        if (await SlotLedger.TryTakeAsync(db, resourceKey, placement.Slots, placement.Schedule.Capacity, request.Overbook, cancellationToken) is { } taken)
        {
            await transaction.RollbackAsync(cancellationToken);
            return Booking.SlotFull(placement, taken);
        }

        db.Appointments.Add(appointment);
        if (request.Overbook)
        {
            db.AuditAs(appointment, "overbook");
        }

        db.Publish(Booking.Booked(appointment), now);

        // Nothing to return to if the save fails: the transaction rolls back whole, so a savepoint would be a wasted round trip.
        db.Database.AutoSavepointsEnabled = false;
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        http.SetETag(appointment);
        return TypedResults.Created($"/api/v1/appointments/{appointment.Id}", AppointmentResponse.Booked(appointment, placement.Zone));
    }
}
