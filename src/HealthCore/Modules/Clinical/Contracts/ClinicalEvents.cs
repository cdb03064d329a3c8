namespace HealthCore.Modules.Clinical.Contracts;

/// <summary>A visit began: the patient arrived (a check-in), or was admitted (an inpatient encounter).</summary>
/// <param name="Class">ambulatory, emergency, inpatient, home or virtual (FHIR v3 ActCode AMB, EMER, IMP, HH, VR).</param>
/// <param name="AppointmentId">The appointment the encounter is the visit for, if any.</param>
/// <param name="AdmissionId">The admission the encounter is the hospital stay of, if any.</param>
internal sealed record EncounterStarted(
    Guid EncounterId,
    Guid PatientId,
    string Class,
    Guid DepartmentId,
    Guid FacilityId,
    Guid? AppointmentId,
    Guid? AdmissionId,
    DateTimeOffset StartedAt);

/// <summary>
/// A visit ended (FHIR status finished): what billing charges from. <paramref name="RequirementsOverridden"/> is true
/// when a Doctor closed it although some of the department's close requirements were unmet.
/// </summary>
/// <param name="AttendingPractitionerIds">The practitioners who attended (participant role attender).</param>
internal sealed record EncounterClosed(
    Guid EncounterId,
    Guid PatientId,
    string Class,
    Guid DepartmentId,
    Guid FacilityId,
    IReadOnlyList<Guid> AttendingPractitionerIds,
    Guid? AppointmentId,
    Guid? AdmissionId,
    DateTimeOffset PeriodStart,
    DateTimeOffset PeriodEnd,
    bool RequirementsOverridden);

/// <summary>
/// A visit will not happen or never did: cancelled before its consultation began (<c>Status</c> cancelled), or entered
/// in error (<c>Status</c> enteredInError, possibly after it was closed): consumers undo what they derived from it.
/// </summary>
internal sealed record EncounterCancelled(Guid EncounterId, Guid PatientId, string Status, bool WasClosed, DateTimeOffset CancelledAt);
