using HealthCore.Platform.Http;
using System.Globalization;
using System.Text.Json.Nodes;
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
    public const string TemplateKey = "appointment.reminder";

    public async Task HandleAsync(AppointmentReminderDue reminder, IntegrationEventContext context, CancellationToken cancellationToken)
    {
        var appointment = await db.Appointments.AsNoTracking().SingleOrDefaultAsync(a => a.Id == reminder.AppointmentId, cancellationToken);
        if (appointment is null || !AppointmentTransitions.Allows(AppointmentAction.Remind, appointment.Status) || appointment.StartsAt != reminder.StartsAt)
        {
            return;
        }

        var payload = await NotificationPayload.ForAsync(db, lookups, appointment, cancellationToken);
        await lookups.NotifyPatientAsync(
            appointment.PatientId, TemplateKey, payload, Reminders.DedupKey(appointment.Id, reminder.Kind, reminder.StartsAt), cancellationToken);
    }
}

/// <summary>Tells the waitlisted patient that a place is held for them, and until when.</summary>
internal sealed class SendWaitlistOffer(SchedulingDb db, SchedulingLookups lookups) : IIntegrationEventHandler<WaitlistOfferMade>
{
    public const string TemplateKey = "waitlist.offer";

    public async Task HandleAsync(WaitlistOfferMade offer, IntegrationEventContext context, CancellationToken cancellationToken)
    {
        var appointment = await db.Appointments.AsNoTracking().SingleOrDefaultAsync(a => a.Id == offer.AppointmentId, cancellationToken);
        if (appointment is null)
        {
            return;
        }

        var payload = await NotificationPayload.ForAsync(db, lookups, appointment, cancellationToken);
        payload["offer"] = new JsonObject
        {
            ["waitlistEntryId"] = offer.WaitlistEntryId.ToString(),
            ["expiresAt"] = Instant(offer.ExpiresAt),
        };
        await lookups.NotifyPatientAsync(offer.PatientId, TemplateKey, payload, $"waitlist-offer:{offer.AppointmentId:N}", cancellationToken);
    }

    private static string Instant(DateTimeOffset instant) => instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}

/// <summary>
/// What templates can show about an appointment: <c>appointment.id</c>, <c>.startsAt</c> (UTC), <c>.localStart</c>,
/// <c>.date</c>, <c>.time</c>, <c>.timeZone</c>, <c>.type</c>, <c>.preparationInstructions</c>, <c>.practitioner</c>,
/// <c>.department</c> (plus <c>patient.name</c>, added when sending).
/// </summary>
internal static class NotificationPayload
{
    public static async Task<JsonObject> ForAsync(SchedulingDb db, SchedulingLookups lookups, Appointment appointment, CancellationToken cancellationToken)
    {
        var zone = (await AppointmentResponse.OneAsync(db, appointment, cancellationToken)).TimeZone;
        var local = TimeZoneInfo.ConvertTime(appointment.StartsAt, TimeZoneInfo.FindSystemTimeZoneById(zone));
        var (practitioner, department) = await lookups.NamesAsync(appointment.PractitionerId, appointment.DepartmentId, cancellationToken);
        return new JsonObject
        {
            ["appointment"] = new JsonObject
            {
                ["id"] = appointment.Id.ToString(),
                ["startsAt"] = appointment.StartsAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
                ["localStart"] = Slot.Local(local),
                ["date"] = local.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                ["time"] = local.ToString("HH:mm", CultureInfo.InvariantCulture),
                ["timeZone"] = zone,
                ["type"] = QueryEnum.Name(appointment.Type),
                ["preparationInstructions"] = appointment.PreparationInstructions ?? "",
                ["practitioner"] = practitioner ?? appointment.Modality ?? "",
                ["department"] = department ?? "",
            },
        };
    }
}
