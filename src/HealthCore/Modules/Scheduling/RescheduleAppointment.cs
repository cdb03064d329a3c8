using System.ComponentModel.DataAnnotations;
using HealthCore.Modules.Scheduling.Contracts;
using HealthCore.Platform.Http;
using HealthCore.Platform.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace HealthCore.Modules.Scheduling;

/// <param name="EndsAt">The new end; or durationMinutes; or neither to keep the appointment's length.</param>
internal sealed record RescheduleAppointmentRequest(
    [Required] DateTimeOffset? StartsAt,
    DateTimeOffset? EndsAt,
    [Range(5, 480)] int? DurationMinutes,
    [Required, StringLength(SchedulingDb.TextLength, MinimumLength = 1)] string Reason) : IValidatableObject
{
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext) => AppointmentTimes.Check(StartsAt, EndsAt, DurationMinutes);
}

/// <summary>
/// Moves a booked or confirmed appointment of the same resource to a new time under the booking rules, keeps the move in
/// its history, and hands the old place to the waitlist (when the new time does not reuse it).
/// </summary>
internal static class RescheduleAppointment
{
    public static async Task<Results<Ok<AppointmentResponse>, NotFoundProblem, ValidationProblem, UnprocessableProblem, ConflictProblem>> Handle(
        Guid id, RescheduleAppointmentRequest request, SchedulingDb db, SchedulingLookups lookups, WaitlistOffers waitlist, ICurrentTenant current,
        TimeProvider clock, HttpContext http, CancellationToken cancellationToken)
    {
        var appointment = await db.Appointments.SingleOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (appointment is null)
        {
            return NotFoundProblem.For("Appointment", id);
        }

        if (!AppointmentTransitions.Allows(AppointmentAction.Reschedule, appointment.Status))
        {
            return SchedulingProblems.IllegalTransition(appointment, AppointmentAction.Reschedule);
        }

        if (await lookups.FindPatientAsync(appointment.PatientId, cancellationToken) is { Active: false })
        {
            return Booking.PatientInactive(appointment.PatientId);
        }

        var now = clock.GetUtcNow();
        var start = request.StartsAt!.Value;
        if (Booking.WhenProblem(start, now, await lookups.DefaultsAsync(cancellationToken)) is { } when)
        {
            return when;
        }

        var end = AppointmentTimes.EndOf(start, request.EndsAt, request.DurationMinutes) ?? start + (appointment.EndsAt - appointment.StartsAt);
        if (end - start > AppointmentTimes.Longest)
        {
            return FieldErrors.Invalid("endsAt", $"An appointment lasts at most {AppointmentTimes.Longest.TotalHours} hours.");
        }

        var (placement, refusal) = await Placements.FindAsync(db, appointment.ResourceKey, start, end, cancellationToken);
        if (placement is null)
        {
            return new UnprocessableProblem("The new time is not bookable.", refusal);
        }

        var old = await FreedPlace.OfAsync(db, appointment, cancellationToken);
        var oldStarts = old?.Slots.Select(s => s.StartsAt).ToHashSet() ?? [];
        var needed = placement.Slots.Where(s => !oldStarts.Contains(s.StartsAt)).ToList();
        if (needed.Count > 0 && Booking.VisiblyFull(placement with { Slots = needed }) is { } visiblyFull)
        {
            return Booking.SlotFull(placement, visiblyFull);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (await Placements.LockPatientAndFindOverlapAsync(db, appointment.PatientId, start, end, appointment.Id, cancellationToken) is { } other)
        {
            return Booking.PatientBusy(other);
        }

        // The old place goes to the waitlist only when the move gives all of it up; a partial overlap just frees the rest.
        // Slot rows are taken and freed before saving: the audit chain head that saving locks must be the last lock taken.
        var newStarts = placement.Slots.Select(s => s.StartsAt).ToHashSet();
        var offered = old is not null && old.Slots.All(s => !newStarts.Contains(s.StartsAt)) ? await waitlist.OfferAsync(old, now, cancellationToken) : null;
        var freed = offered is null && old is not null ? old.Slots.Select(s => s.StartsAt).Where(s => !newStarts.Contains(s)) : [];
        if (await SlotLedger.TryMoveAsync(db, appointment.ResourceKey, needed, freed, placement.Schedule.Capacity, overbook: false, cancellationToken) is { } full)
        {
            await transaction.RollbackAsync(cancellationToken);
            return Booking.SlotFull(placement, full);
        }

        var from = (appointment.StartsAt, appointment.EndsAt);
        appointment.TryApply(AppointmentAction.Reschedule, now);
        appointment.StartsAt = start;
        appointment.EndsAt = end;
        db.Reschedules.Add(new AppointmentReschedule
        {
            AppointmentId = appointment.Id,
            FromStartsAt = from.StartsAt,
            FromEndsAt = from.EndsAt,
            ToStartsAt = start,
            ToEndsAt = end,
            Reason = request.Reason,
            ActorId = current.UserId,
            RescheduledAt = now,
        });
        db.AuditAs(appointment, "reschedule");
        db.Publish(new AppointmentRescheduled(appointment.Id, appointment.PatientId, from.StartsAt, from.EndsAt, start, end, request.Reason), now);
        if (!await ChangeAppointmentStatus.TrySaveAsync(db, cancellationToken))
        {
            return SchedulingProblems.ChangedConcurrently("appointment");
        }

        await transaction.CommitAsync(cancellationToken);
        http.SetETag(appointment);
        return TypedResults.Ok(await AppointmentResponse.DetailAsync(db, appointment, cancellationToken));
    }
}
