namespace HealthCore.Tests.Modules.Scheduling;

/// <summary>A user assigned to some facilities sees and acts on the schedules (of their departments) of those only, and their appointments.</summary>
public abstract class SchedulingFacilityScopingTests(SchedulingApp app)
{
    [Fact]
    public async Task A_user_of_another_facility_gets_404_from_every_scheduling_endpoint_naming_its_data_changes_nothing_and_lists_none_of_it() =>
        await SchedulingIsolation.EveryEndpointHoldsAsync(
            app, clinic => TenantIsolation.BetweenFacilities(clinic.Staff, clinic.AssignedTo("Admin,Doctor", Guid.CreateVersion7())), sameTenant: true);

    [Fact]
    public async Task Creating_a_schedule_booking_waitlist_entry_or_shift_in_another_facilitys_department_answers_400_naming_it()
    {
        var clinic = app.NewClinic();
        var schedule = await clinic.PractitionerScheduleAsync();
        var monday = app.Next(DayOfWeek.Monday);
        var patient = await clinic.NewPatientAsync();
        var outsider = clinic.AssignedTo("Admin,Doctor", Guid.CreateVersion7());

        await ShouldRejectAsync(await clinic.BookAsync(schedule, schedule.At(monday, "09:00"), patient, client: outsider), "departmentId");
        await ShouldRejectAsync(await outsider.PostAsJsonAsync("/api/v1/schedules", new
        {
            practitionerId = schedule.PractitionerId, departmentId = schedule.DepartmentId, daysOfWeek = new[] { "saturday" }, startTime = "09:00", endTime = "12:00",
            slotMinutes = 30, capacity = 1, effectiveFrom = monday.ToString("yyyy-MM-dd"), timeZone = "UTC",
        }), "departmentId");
        await ShouldRejectAsync(await outsider.PostAsJsonAsync("/api/v1/waitlist", new
        {
            patientId = patient, departmentId = schedule.DepartmentId, earliestStart = app.Now, latestEnd = app.Now.AddDays(30),
        }), "departmentId");
        await ShouldRejectAsync(await outsider.PostAsJsonAsync("/api/v1/shifts", new
        {
            departmentId = schedule.DepartmentId, role = "nurse", startsAt = schedule.At(monday, "07:00"), endsAt = schedule.At(monday, "15:00"),
        }), "departmentId");
        (await clinic.GetJsonAsync($"/api/v1/appointments?patientId={patient}")).GetProperty("items").GetArrayLength().ShouldBe(0);
    }

    private static async Task ShouldRejectAsync(HttpResponseMessage response, string field)
    {
        var problem = await ProblemAssertions.ShouldBeProblemAsync(response, HttpStatusCode.BadRequest);
        problem.GetProperty("errors").TryGetProperty(field, out _).ShouldBeTrue(problem.ToString());
    }
}

[Collection(SchedulingPostgresCollection.Name)]
public sealed class SchedulingFacilityScopingTests_on_Postgres(SchedulingPostgresApp app) : SchedulingFacilityScopingTests(app);

[Collection(SchedulingSqliteCollection.Name)]
public sealed class SchedulingFacilityScopingTests_on_Sqlite(SchedulingSqliteApp app) : SchedulingFacilityScopingTests(app);
