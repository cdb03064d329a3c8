using System.ComponentModel.DataAnnotations;
using HealthCore.Modules.Scheduling.Contracts;
using HealthCore.Platform.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace HealthCore.Modules.Scheduling;

internal sealed record CancelAppointmentRequest([Required, StringLength(SchedulingDb.TextLength, MinimumLength = 1)] string Reason);

/// <summary>confirm, check-in, start, complete, no-show and cancel: one status step each, 409 naming the current status otherwise.</summary>
internal static class ChangeAppointmentStatus
{
    public static Task<Results<Ok<AppointmentResponse>, NotFoundProblem, ForbiddenProblem, ConflictProblem, UnprocessableProblem>> Confirm(
        Guid id, SchedulingDb db, TimeProvider clock, HttpContext http, CancellationToken cancellationToken) =>
        ApplyAsync(id, AppointmentAction.Confirm, db, clock, http, (a, now) => new AppointmentConfirmed(a.Id, a.PatientId, now), cancellationToken);

    public static Task<Results<Ok<AppointmentResponse>, NotFoundProblem, ForbiddenProblem, ConflictProblem, UnprocessableProblem>> CheckIn(
        Guid id, SchedulingDb db, TimeProvider clock, HttpContext http, CancellationToken cancellationToken) =>
        ApplyAsync(id, AppointmentAction.CheckIn, db, clock, http,
            (a, now) => new AppointmentCheckedIn(a.Id, a.PatientId, a.PractitionerId, a.DepartmentId, a.StartsAt, now), cancellationToken);

    public static Task<Results<Ok<AppointmentResponse>, NotFoundProblem, ForbiddenProblem, ConflictProblem, UnprocessableProblem>> Start(
        Guid id, SchedulingDb db, OwnAppointments own, TimeProvider clock, HttpContext http, CancellationToken cancellationToken) =>
        ApplyAsync(id, AppointmentAction.Start, db, clock, http, (a, now) => new AppointmentStarted(a.Id, a.PatientId, now), cancellationToken, own);

    public static Task<Results<Ok<AppointmentResponse>, NotFoundProblem, ForbiddenProblem, ConflictProblem, UnprocessableProblem>> Complete(
        Guid id, SchedulingDb db, OwnAppointments own, TimeProvider clock, HttpContext http, CancellationToken cancellationToken) =>
        ApplyAsync(id, AppointmentAction.Complete, db, clock, http,
            (a, now) => new AppointmentCompleted(a.Id, a.PatientId, a.PractitionerId, a.DepartmentId, now), cancellationToken, own);

    public static Task<Results<Ok<AppointmentResponse>, NotFoundProblem, ForbiddenProblem, ConflictProblem, UnprocessableProblem>> NoShow(
        Guid id, SchedulingDb db, TimeProvider clock, HttpContext http, CancellationToken cancellationToken) =>
        ApplyAsync(id, AppointmentAction.NoShow, db, clock, http, (a, now) => new AppointmentNoShow(a.Id, a.PatientId, a.StartsAt, now), cancellationToken);

    public static async Task<Results<Ok<AppointmentResponse>, NotFoundProblem, ConflictProblem>> Cancel(
        Guid id, CancelAppointmentRequest request, SchedulingDb db, WaitlistOffers waitlist, TimeProvider clock, HttpContext http,
        CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var appointment = await db.Appointments.SingleOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (appointment is null)
        {
            return NotFoundProblem.For("Appointment", id);
        }

        if (!appointment.TryCancel(request.Reason, now))
        {
            return SchedulingProblems.IllegalTransition(appointment, AppointmentAction.Cancel);
        }

        db.Publish(new AppointmentCancelled(appointment.Id, appointment.PatientId, request.Reason, now), now);
        await waitlist.FreeAsync(await FreedPlace.OfAsync(db, appointment, cancellationToken), now, cancellationToken);
        if (!await TrySaveAsync(db, cancellationToken))
        {
            return SchedulingProblems.ChangedConcurrently("appointment");
        }

        await transaction.CommitAsync(cancellationToken);
        http.SetETag(appointment);
        return TypedResults.Ok(await AppointmentResponse.DetailAsync(db, appointment, cancellationToken));
    }

    private static async Task<Results<Ok<AppointmentResponse>, NotFoundProblem, ForbiddenProblem, ConflictProblem, UnprocessableProblem>> ApplyAsync<TEvent>(
        Guid id, AppointmentAction action, SchedulingDb db, TimeProvider clock, HttpContext http, Func<Appointment, DateTimeOffset, TEvent> happened,
        CancellationToken cancellationToken, OwnAppointments? ownOnly = null)
        where TEvent : class
    {
        var appointment = await db.Appointments.SingleOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (appointment is null)
        {
            return NotFoundProblem.For("Appointment", id);
        }

        if (ownOnly is not null && await ownOnly.MayTreatAsync(appointment, http.User, cancellationToken) is { } notOwn)
        {
            return notOwn;
        }

        var now = clock.GetUtcNow();
        if (action == AppointmentAction.NoShow && AppointmentTransitions.Allows(action, appointment.Status) && now < appointment.StartsAt)
        {
            return new UnprocessableProblem(
                "The appointment has not started yet.", $"A no-show can be recorded only after the start time ({appointment.StartsAt:O}).");
        }

        if (!appointment.TryApply(action, now))
        {
            return SchedulingProblems.IllegalTransition(appointment, action);
        }

        db.Publish(happened(appointment, now), now);
        if (!await TrySaveAsync(db, cancellationToken))
        {
            return SchedulingProblems.ChangedConcurrently("appointment");
        }

        http.SetETag(appointment);
        return TypedResults.Ok(await AppointmentResponse.DetailAsync(db, appointment, cancellationToken));
    }

    /// <summary>False when another request changed the row since it was read (its version moved on).</summary>
    public static async Task<bool> TrySaveAsync(SchedulingDb db, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateConcurrencyException)
        {
            return false;
        }
    }
}
