namespace HealthCore.Modules.Scheduling.Contracts;

/// <summary>An appointment was booked (directly, or by accepting a waitlist offer).</summary>
/// <param name="PractitionerId">The practitioner resource, or null when a modality (e.g. an MRI scanner) was booked.</param>
/// <param name="Type">newConsultation, followUp, procedure or imagingExam.</param>
/// <param name="Overbooked">True when booked beyond the slot's capacity under the appointments.overbook permission.</param>
internal sealed record AppointmentBooked(
    Guid AppointmentId, Guid PatientId, Guid? PractitionerId, string? Modality, Guid DepartmentId,
    DateTimeOffset StartsAt, DateTimeOffset EndsAt, string Type, bool Overbooked);

/// <summary>The patient confirmed that they will attend.</summary>
internal sealed record AppointmentConfirmed(Guid AppointmentId, Guid PatientId, DateTimeOffset ConfirmedAt);

/// <summary>The patient arrived and was checked in; an encounter can be opened from this.</summary>
internal sealed record AppointmentCheckedIn(
    Guid AppointmentId, Guid PatientId, Guid? PractitionerId, Guid DepartmentId, DateTimeOffset StartsAt, DateTimeOffset CheckedInAt);

/// <summary>The consultation or procedure began.</summary>
internal sealed record AppointmentStarted(Guid AppointmentId, Guid PatientId, DateTimeOffset StartedAt);

/// <summary>The consultation or procedure ended.</summary>
internal sealed record AppointmentCompleted(
    Guid AppointmentId, Guid PatientId, Guid? PractitionerId, Guid DepartmentId, DateTimeOffset CompletedAt);

/// <summary>The appointment was cancelled with a reason; its place was freed (and possibly offered to the waitlist).</summary>
internal sealed record AppointmentCancelled(Guid AppointmentId, Guid PatientId, string Reason, DateTimeOffset CancelledAt);

/// <summary>The patient did not attend; recorded only after the start time.</summary>
internal sealed record AppointmentNoShow(Guid AppointmentId, Guid PatientId, DateTimeOffset StartsAt, DateTimeOffset RecordedAt);

/// <summary>The appointment moved from one time to another.</summary>
internal sealed record AppointmentRescheduled(
    Guid AppointmentId, Guid PatientId, DateTimeOffset FromStartsAt, DateTimeOffset FromEndsAt,
    DateTimeOffset ToStartsAt, DateTimeOffset ToEndsAt, string Reason);

/// <summary>A freed place was held for a waitlisted patient until <paramref name="ExpiresAt"/>.</summary>
internal sealed record WaitlistOfferMade(
    Guid WaitlistEntryId, Guid AppointmentId, Guid PatientId, DateTimeOffset StartsAt, DateTimeOffset EndsAt, DateTimeOffset ExpiresAt);

/// <summary>A waitlist offer was declined or not accepted in time; the place passed on to the next entry or was freed.</summary>
internal sealed record WaitlistOfferLapsed(Guid WaitlistEntryId, Guid AppointmentId, Guid PatientId, string Outcome);

/// <summary>
/// A reminder of <paramref name="Kind"/> (<c>beforeStart</c> or <c>manual</c>) is due for the appointment starting at
/// <paramref name="StartsAt"/>. Published at most once per appointment, kind and start time.
/// </summary>
internal sealed record AppointmentReminderDue(
    Guid AppointmentId, Guid PatientId, string Kind, DateTimeOffset StartsAt, Guid? PractitionerId, string? Modality,
    Guid DepartmentId, string? PreparationInstructions);
