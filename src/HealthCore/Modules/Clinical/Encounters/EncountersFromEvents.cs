using HealthCore.Modules.Admissions.Contracts;
using HealthCore.Modules.Practitioners.Contracts;
using HealthCore.Modules.Scheduling.Contracts;
using HealthCore.Platform.Events;
using Microsoft.EntityFrameworkCore;

namespace HealthCore.Modules.Clinical;

/// <summary>
/// A checked-in appointment is a visit that began: it opens the appointment's ambulatory encounter as arrived, or
/// moves the planned one opened for it earlier to arrived. A redelivery (or two at once) finds the encounter and
/// leaves it as it is.
/// </summary>
internal sealed class OpenEncounterOnCheckIn(EncounterChanges changes, IPractitionerDirectory practitioners) : IIntegrationEventHandler<AppointmentCheckedIn>
{
    public async Task HandleAsync(AppointmentCheckedIn checkedIn, IntegrationEventContext context, CancellationToken cancellationToken)
    {
        var department = await practitioners.FindDepartmentAsync(checkedIn.DepartmentId, cancellationToken)
            ?? throw new InvalidOperationException($"Department {checkedIn.DepartmentId} of appointment {checkedIn.AppointmentId} does not exist.");
        var (encounter, opened) = await changes.OpenOnceAsync(
            new EncounterOpening(
                checkedIn.PatientId,
                EncounterClass.Ambulatory,
                department.Id,
                department.FacilityId,
                EncounterStatus.Arrived,
                EncounterPriority.Routine,
                checkedIn.PractitionerId is { } practitioner ? [new Participation(practitioner, ParticipantRole.Attender)] : [],
                ActorId: null,
                PlannedStartAt: null,
                PeriodStart: checkedIn.CheckedInAt,
                AppointmentId: checkedIn.AppointmentId),
            cancellationToken);
        if (!opened && encounter.Status == EncounterStatus.Planned)
        {
            await changes.MoveAsync(encounter, EncounterAction.Arrive, checkedIn.CheckedInAt, null, cancellationToken);
        }
    }
}

/// <summary>An admission opens the inpatient encounter of the stay, in progress from the admission on; one per admission.</summary>
internal sealed class OpenEncounterOnAdmission(EncounterChanges changes, IPractitionerDirectory practitioners) : IIntegrationEventHandler<PatientAdmitted>
{
    public async Task HandleAsync(PatientAdmitted admitted, IntegrationEventContext context, CancellationToken cancellationToken)
    {
        var department = await practitioners.FindDepartmentAsync(admitted.DepartmentId, cancellationToken)
            ?? throw new InvalidOperationException($"Department {admitted.DepartmentId} of admission {admitted.AdmissionId} does not exist.");
        await changes.OpenOnceAsync(
            new EncounterOpening(
                admitted.PatientId,
                EncounterClass.Inpatient,
                department.Id,
                department.FacilityId,
                EncounterStatus.InConsultation,
                admitted.AdmissionType == "emergency" ? EncounterPriority.Urgent : EncounterPriority.Routine,
                [new Participation(admitted.AdmittingPractitionerId, ParticipantRole.Admitter)],
                ActorId: null,
                PeriodStart: admitted.AdmittedAt,
                AdmissionId: admitted.AdmissionId),
            cancellationToken);
    }
}

/// <summary>
/// The discharge ends the stay's encounter: completed at the discharge instant, without the close gate (the discharge
/// is the admission's decision, made in Admissions). An admission cancelled as entered in error takes its encounter
/// with it.
/// </summary>
internal sealed class EndEncounterWithAdmission(EncounterChanges changes) : IIntegrationEventHandler<PatientDischarged>, IIntegrationEventHandler<AdmissionCancelled>
{
    public Task HandleAsync(PatientDischarged discharged, IntegrationEventContext context, CancellationToken cancellationToken) =>
        EndAsync(discharged.AdmissionId, EncounterAction.Close, discharged.DischargedAt, null, cancellationToken);

    public Task HandleAsync(AdmissionCancelled cancelled, IntegrationEventContext context, CancellationToken cancellationToken) =>
        EndAsync(cancelled.AdmissionId, EncounterAction.MarkEnteredInError, cancelled.CancelledAt, "Admission cancelled: " + cancelled.Reason, cancellationToken);

    private async Task EndAsync(Guid admissionId, EncounterAction action, DateTimeOffset at, string? reason, CancellationToken cancellationToken)
    {
        // Missing only while the admission's own event waits for a retry: throwing has this one retried after it.
        var encounter = await changes.Encounters.SingleOrDefaultAsync(e => e.AdmissionId == admissionId, cancellationToken)
            ?? throw new InvalidOperationException($"Admission {admissionId} has no encounter yet.");
        if (EncounterTransitions.Allows(action, encounter.Status))
        {
            await changes.MoveAsync(encounter, action, at, null, cancellationToken, reason?[..Math.Min(reason.Length, ClinicalDb.ReasonLength)]);
        }
    }
}
