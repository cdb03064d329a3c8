using HealthCore.Platform.Http;
using HealthCore.Platform.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace HealthCore.Modules.Scheduling;

internal sealed record ReminderQueued(Guid AppointmentId, string Kind, DateTimeOffset StartsAt, DateTimeOffset QueuedAt);

internal static class RemindAppointment
{
    public static async Task<Results<Accepted<ReminderQueued>, NotFoundProblem, ConflictProblem>> Handle(
        Guid id, SchedulingDb db, Reminders reminders, ICurrentTenant current, CancellationToken cancellationToken)
    {
        var appointment = await db.Appointments.AsNoTracking().SingleOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (appointment is null)
        {
            return NotFoundProblem.For("Appointment", id);
        }

        if (!AppointmentTransitions.Allows(AppointmentAction.Remind, appointment.Status))
        {
            return SchedulingProblems.IllegalTransition(appointment, AppointmentAction.Remind);
        }

        var queued = await reminders.TryQueueAsync(appointment, AppointmentReminder.Manual, current.UserId, cancellationToken);
        if (queued is null)
        {
            var earlier = await db.Reminders.AsNoTracking()
                .SingleAsync(r => r.AppointmentId == id && r.Kind == AppointmentReminder.Manual && r.StartsAt == appointment.StartsAt, cancellationToken);
            return new ConflictProblem(
                "A reminder was already sent.",
                $"A manual reminder for this appointment at {appointment.StartsAt:O} was queued at {earlier.QueuedAt:O}; reminders are never sent twice.",
                new Dictionary<string, object?> { ["queuedAt"] = earlier.QueuedAt });
        }

        return TypedResults.Accepted($"/api/v1/appointments/{id}", new ReminderQueued(id, queued.Kind, queued.StartsAt, queued.QueuedAt));
    }
}
