using HealthCore.Modules.Scheduling.Contracts;
using HealthCore.Platform.Database;
using HealthCore.Platform.Events;
using Microsoft.EntityFrameworkCore;

namespace HealthCore.Modules.Scheduling;

/// <summary>
/// Queues appointment reminders exactly once per appointment, kind and start time: claiming the reminder row
/// (INSERT .. ON CONFLICT DO NOTHING on its primary key) and publishing <see cref="AppointmentReminderDue"/> happen in one
/// transaction, so of two instances or requests only one publishes; the outbox then delivers the event at least once
/// and the notification's dedup key turns a redelivery into a no-op.
/// </summary>
internal sealed class Reminders(SchedulingDb db, TimeProvider clock)
{
    /// <summary>The queued reminder, or null when one of this kind was already queued for the appointment's current start.</summary>
    public async Task<AppointmentReminder?> TryQueueAsync(Appointment appointment, string kind, Guid? requestedBy, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var reminder = new AppointmentReminder
        {
            TenantId = appointment.TenantId,
            AppointmentId = appointment.Id,
            Kind = kind,
            StartsAt = appointment.StartsAt,
            QueuedAt = now,
            RequestedBy = requestedBy,
        };
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (!await db.InsertIfAbsentAsync(reminder, cancellationToken))
        {
            return null;
        }

        db.Publish(
            new AppointmentReminderDue(
                appointment.Id, appointment.PatientId, kind, appointment.StartsAt, appointment.PractitionerId, appointment.Modality,
                appointment.DepartmentId, appointment.PreparationInstructions),
            now);
        if (kind == AppointmentReminder.Manual)
        {
            db.AuditEvent("remind", nameof(Appointment), appointment.Id.ToString());
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return reminder;
    }

    public static string DedupKey(Guid appointmentId, string kind, DateTimeOffset startsAt) =>
        $"appointment-reminder:{appointmentId:N}:{kind}:{startsAt.UtcTicks}";
}

/// <summary>Sends the reminder through notifications, unless the appointment was cancelled or moved since it was queued.</summary>
internal sealed class SendAppointmentReminder(SchedulingDb db, SchedulingLookups lookups) : IIntegrationEventHandler<AppointmentReminderDue>
{
    public async Task HandleAsync(AppointmentReminderDue reminder, IntegrationEventContext context, CancellationToken cancellationToken)
    {
        var appointment = await db.Appointments.AsNoTracking().SingleOrDefaultAsync(a => a.Id == reminder.AppointmentId, cancellationToken);
        if (appointment is null || !AppointmentTransitions.Allows(AppointmentAction.Remind, appointment.Status) || appointment.StartsAt != reminder.StartsAt)
        {
            return;
        }

        var payload = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["appointmentId"] = appointment.Id.ToString(),
            ["startsAt"] = appointment.StartsAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
            ["preparationInstructions"] = appointment.PreparationInstructions ?? "",
        };
        await lookups.NotifyPatientAsync(
            appointment.PatientId, "appointment.reminder", payload, Reminders.DedupKey(appointment.Id, reminder.Kind, reminder.StartsAt), cancellationToken);
    }
}

/// <summary>Tells the waitlisted patient that a place is held for them.</summary>
internal sealed class SendWaitlistOffer(SchedulingLookups lookups) : IIntegrationEventHandler<WaitlistOfferMade>
{
    public Task HandleAsync(WaitlistOfferMade offer, IntegrationEventContext context, CancellationToken cancellationToken) =>
        lookups.NotifyPatientAsync(
            offer.PatientId,
            "waitlist.offer",
            new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["waitlistEntryId"] = offer.WaitlistEntryId.ToString(),
                ["appointmentId"] = offer.AppointmentId.ToString(),
                ["startsAt"] = offer.StartsAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
                ["expiresAt"] = offer.ExpiresAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
            },
            $"waitlist-offer:{offer.AppointmentId:N}",
            cancellationToken);
}
