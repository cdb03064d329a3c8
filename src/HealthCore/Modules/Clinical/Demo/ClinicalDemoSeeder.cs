using HealthCore.Modules.Admissions.Contracts;
using HealthCore.Modules.Practitioners.Contracts;
using HealthCore.Modules.Scheduling.Contracts;
using HealthCore.Platform.Seeding;

namespace HealthCore.Modules.Clinical.Demo;

/// <summary>
/// Encounters for the latest of the demo's attended appointments of the last two weeks and of its admissions of the last five: an
/// ambulatory visit per appointment (completed when the appointment was, arrived or in consultation otherwise) and an
/// inpatient stay per admission (completed at its discharge), each with its clinical records (<see cref="EncounterRecordsDemo"/>).
/// Opened once per appointment and admission, so a rerun finds them and changes nothing.
/// </summary>
internal sealed class ClinicalDemoSeeder(
    EncounterChanges changes, IAppointmentVisits appointments, IAdmissionStays admissions, IPractitionerDirectory practitioners, EncounterRecordsDemo records)
    : IDemoSeeder
{
    private const int MaxEncounters = 400;

    public async Task SeedAsync(DemoSeedContext context, CancellationToken cancellationToken)
    {
        var now = changes.Now;

        // Windows from midnight, not from now, so that a rerun the same day picks the same appointments and admissions.
        var today = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero);
        var facilities = new Dictionary<Guid, Guid?>();

        async Task<Guid?> FacilityOfAsync(Guid department)
        {
            if (!facilities.TryGetValue(department, out var facility))
            {
                facility = facilities[department] = (await practitioners.FindDepartmentAsync(department, cancellationToken))?.FacilityId;
            }

            return facility;
        }

        foreach (var visit in await appointments.AttendedAsync(today.AddDays(-14), today.AddDays(1), MaxEncounters, cancellationToken))
        {
            if (await FacilityOfAsync(visit.DepartmentId) is not { } facility)
            {
                continue;
            }

            var arrivedAt = Earlier(visit.StartsAt.AddMinutes(-10), now);
            var (encounter, opened) = await changes.OpenOnceAsync(
                new EncounterOpening(
                    visit.PatientId, EncounterClass.Ambulatory, visit.DepartmentId, facility, EncounterStatus.Arrived, EncounterPriority.Routine,
                    visit.PractitionerId is { } practitioner ? [new Participation(practitioner, ParticipantRole.Attender)] : [],
                    ActorId: null, PeriodStart: arrivedAt, AppointmentId: visit.AppointmentId),
                cancellationToken);
            if (opened && visit.Status is "inProgress" or "completed")
            {
                await changes.MoveAsync(encounter, EncounterAction.StartConsultation, Earlier(visit.StartsAt, now), null, cancellationToken);
                if (visit.Status == "completed")
                {
                    await changes.MoveAsync(encounter, EncounterAction.Close, Earlier(visit.StatusChangedAt, now), null, cancellationToken);
                }
            }

            await records.SeedAsync(encounter, now, cancellationToken);
        }

        foreach (var stay in await admissions.AdmittedAsync(today.AddDays(-35), today.AddDays(1), MaxEncounters, cancellationToken))
        {
            if (await FacilityOfAsync(stay.DepartmentId) is not { } facility)
            {
                continue;
            }

            var (encounter, opened) = await changes.OpenOnceAsync(
                new EncounterOpening(
                    stay.PatientId, EncounterClass.Inpatient, stay.DepartmentId, facility, EncounterStatus.InConsultation,
                    stay.AdmissionType == "emergency" ? EncounterPriority.Urgent : EncounterPriority.Routine,
                    [new Participation(stay.AdmittingPractitionerId, ParticipantRole.Admitter)],
                    ActorId: null, PeriodStart: stay.AdmittedAt, AdmissionId: stay.AdmissionId),
                cancellationToken);
            if (opened && stay.DischargedAt is { } discharged)
            {
                await changes.MoveAsync(encounter, EncounterAction.Close, discharged, null, cancellationToken);
            }

            await records.SeedAsync(encounter, now, cancellationToken);
        }
    }

    private static DateTimeOffset Earlier(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
}
