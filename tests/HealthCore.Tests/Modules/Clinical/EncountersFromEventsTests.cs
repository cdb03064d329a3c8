using HealthCore.Modules.Admissions.Contracts;
using HealthCore.Modules.Clinical;
using HealthCore.Modules.Scheduling.Contracts;
using HealthCore.Tests.Modules.Scheduling;

namespace HealthCore.Tests.Modules.Clinical;

/// <summary>Checked-in appointments and admissions open their encounters through the outbox, exactly once however often the event arrives.</summary>
public abstract class EncountersFromEventsTests(ClinicalApp app)
{
    [Fact]
    public async Task Checking_in_an_appointment_opens_its_arrived_encounter_once_even_when_the_event_is_delivered_again_and_concurrently()
    {
        var visits = await Visits.OpenAsync(app);
        var (appointment, checkedIn) = await CheckedInAppointmentAsync(visits);

        var opened = await visits.EventuallyAsync($"appointmentId={appointment.AppointmentId}", items => items.Count > 0);
        await app.DeliverAsync<AppointmentCheckedIn, OpenEncounterOnCheckIn>(visits.Clinic.TenantId, appointment);
        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => app.DeliverAsync<AppointmentCheckedIn, OpenEncounterOnCheckIn>(visits.Clinic.TenantId, appointment)));

        var encounter = opened.ShouldHaveSingleItem();
        (await visits.ListAsync($"appointmentId={appointment.AppointmentId}")).Select(e => e.Id()).ShouldBe([encounter.Id()]);
        var detail = await visits.GetAsync(encounter.Id());
        detail.Status().ShouldBe("arrived");
        detail.GetProperty("class").GetString().ShouldBe("ambulatory");
        detail.GetProperty("patientId").GetGuid().ShouldBe(appointment.PatientId);
        detail.GetProperty("departmentId").GetGuid().ShouldBe(appointment.DepartmentId);
        detail.GetProperty("period").GetProperty("start").GetDateTimeOffset().ShouldBe(checkedIn);
        detail.GetProperty("participants").EnumerateArray().Single().GetProperty("practitionerId").GetGuid().ShouldBe(appointment.PractitionerId!.Value);
        detail.History().ShouldBe(["arrived"]);
        (await app.OutboxAsync(encounter.Id())).Select(e => e.Type).ShouldBe(["EncounterStarted"]);
    }

    [Fact]
    public async Task Concurrent_first_deliveries_of_a_check_in_open_exactly_one_encounter()
    {
        var visits = await Visits.OpenAsync(app);
        var patient = await visits.PatientAsync();
        var checkedIn = new AppointmentCheckedIn(Guid.NewGuid(), patient, visits.Practitioner, visits.Department, app.Now, app.Now);

        await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => app.DeliverAsync<AppointmentCheckedIn, OpenEncounterOnCheckIn>(visits.Clinic.TenantId, checkedIn)));

        var encounter = (await visits.ListAsync($"appointmentId={checkedIn.AppointmentId}")).ShouldHaveSingleItem();
        (await visits.GetAsync(encounter.Id())).History().ShouldBe(["arrived"]);
        (await app.OutboxAsync(encounter.Id())).Count.ShouldBe(1);
    }

    [Fact]
    public async Task A_planned_encounter_opened_for_an_appointment_is_reused_and_arrives_at_check_in()
    {
        var visits = await Visits.OpenAsync(app);
        var patient = await visits.PatientAsync();
        var appointmentId = Guid.NewGuid();
        var planned = await visits.CreatedAsync(new { patientId = patient, appointmentId });
        var checkedIn = new AppointmentCheckedIn(appointmentId, patient, visits.Practitioner, visits.Department, app.Now, app.Now);

        await app.DeliverAsync<AppointmentCheckedIn, OpenEncounterOnCheckIn>(visits.Clinic.TenantId, checkedIn);
        await app.DeliverAsync<AppointmentCheckedIn, OpenEncounterOnCheckIn>(visits.Clinic.TenantId, checkedIn);

        (await visits.ListAsync($"appointmentId={appointmentId}")).Select(e => e.Id()).ShouldBe([planned.Id()]);
        (await visits.GetAsync(planned.Id())).History().ShouldBe(["planned", "arrived"]);
        var second = await visits.Care.PostAsJsonAsync("/api/v1/encounters", await visits.BodyAsync(new { patientId = patient, appointmentId }));
        (await ProblemAssertions.ShouldBeProblemAsync(second, HttpStatusCode.Conflict)).GetProperty("encounterId").GetGuid().ShouldBe(planned.Id());
    }

    [Fact]
    public async Task An_admission_opens_an_inpatient_encounter_that_the_discharge_completes()
    {
        var visits = await Visits.OpenAsync(app);
        var patient = await visits.PatientAsync();
        var admission = (await Json.ReadAsync(await visits.Clinic.Staff.PostAsJsonAsync("/api/v1/admissions", new
        {
            patientId = patient, admittingPractitionerId = visits.Practitioner, departmentId = visits.Department, reason = "Community-acquired pneumonia",
            admissionType = "emergency", pending = true,
        }), HttpStatusCode.Created)).Id();

        var opened = (await visits.EventuallyAsync($"admissionId={admission}", items => items.Count > 0)).ShouldHaveSingleItem();
        opened.Status().ShouldBe("inConsultation");
        opened.GetProperty("class").GetString().ShouldBe("inpatient");
        opened.GetProperty("priority").GetString().ShouldBe("urgent");
        var admitted = await visits.GetAsync(opened.Id());
        admitted.GetProperty("participants")[0].GetProperty("role").GetString().ShouldBe("admitter");

        var discharged = await Json.ReadAsync(
            await visits.Clinic.Staff.PostAsJsonAsync($"/api/v1/admissions/{admission}/discharge", new { dischargeType = "normal", disposition = "home" }), HttpStatusCode.OK);
        var closed = (await visits.EventuallyAsync($"admissionId={admission}", items => items.Count > 0 && items[0].Status() == "completed")).ShouldHaveSingleItem();

        closed.Status().ShouldBe("completed");
        closed.GetProperty("period").GetProperty("end").GetDateTimeOffset().ShouldBe(discharged.GetProperty("discharge").GetProperty("dischargedAt").GetDateTimeOffset());
        var redelivered = new PatientAdmitted(admission, patient, visits.Department, visits.Practitioner, "emergency", null, null, app.Now);
        await app.DeliverAsync<PatientAdmitted, OpenEncounterOnAdmission>(visits.Clinic.TenantId, redelivered);
        (await visits.ListAsync($"admissionId={admission}")).ShouldHaveSingleItem().Status().ShouldBe("completed");
        (await app.OutboxAsync(closed.Id())).Select(e => e.Type).ShouldBe(["EncounterStarted", "EncounterClosed"]);
    }

    [Fact]
    public async Task An_admission_cancelled_as_entered_in_error_takes_its_encounter_with_it()
    {
        var visits = await Visits.OpenAsync(app);
        var admission = (await Json.ReadAsync(await visits.Clinic.Staff.PostAsJsonAsync("/api/v1/admissions", new
        {
            patientId = await visits.PatientAsync(), admittingPractitionerId = visits.Practitioner, departmentId = visits.Department, reason = "Chest pain",
            admissionType = "elective", pending = true,
        }), HttpStatusCode.Created)).Id();
        await visits.EventuallyAsync($"admissionId={admission}", items => items.Count > 0);

        await Json.ReadAsync(await visits.Clinic.Staff.PostAsJsonAsync($"/api/v1/admissions/{admission}/cancel", new { reason = "Wrong patient" }), HttpStatusCode.OK);

        (await visits.EventuallyAsync($"admissionId={admission}", items => items[0].Status() == "enteredInError")).Single().Status().ShouldBe("enteredInError");
    }

    private static async Task<(AppointmentCheckedIn Event, DateTimeOffset CheckedInAt)> CheckedInAppointmentAsync(Visits visits)
    {
        var schedule = await visits.Clinic.AroundTheClockAsync();
        var booked = await visits.Clinic.BookedAsync(schedule, visits.Clinic.Soon());
        var checkedIn = await Json.ReadAsync(await visits.Clinic.PostAsync($"/api/v1/appointments/{booked.Id()}/check-in"), HttpStatusCode.OK);
        var at = checkedIn.GetProperty("statusChangedAt").GetDateTimeOffset();
        return (new AppointmentCheckedIn(
            booked.Id(), booked.GetProperty("patientId").GetGuid(), schedule.PractitionerId, schedule.DepartmentId, booked.GetProperty("startsAt").GetDateTimeOffset(), at), at);
    }
}

[Collection(ClinicalPostgresCollection.Name)]
public sealed class EncountersFromEventsTests_on_Postgres(ClinicalPostgresApp app) : EncountersFromEventsTests(app);

[Collection(ClinicalSqliteCollection.Name)]
public sealed class EncountersFromEventsTests_on_Sqlite(ClinicalSqliteApp app) : EncountersFromEventsTests(app);
