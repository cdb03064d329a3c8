namespace HealthCore.Tests.Modules.Scheduling;

/// <summary>The isolation proof every Scheduling endpoint shares, between tenants and between facilities of one tenant.</summary>
internal static class SchedulingIsolation
{
    /// <summary>
    /// A schedule, an appointment, a department waitlist entry and a shift of one clinic, probed through every endpoint of
    /// the module by the stranger <paramref name="isolation"/> sets up against the clinic's staff. A stranger of the same
    /// tenant still finds the practitioner (whose availability then shows nothing of the clinic); another tenant does not.
    /// </summary>
    public static async Task EveryEndpointHoldsAsync(SchedulingApp app, Func<Clinic, TenantIsolation> isolation, bool sameTenant)
    {
        var clinic = app.NewClinic();
        var schedule = await clinic.PractitionerScheduleAsync();
        var monday = app.Next(DayOfWeek.Monday);
        var appointment = (await clinic.BookedAsync(schedule, schedule.At(monday, "09:00"))).Id();
        var entry = (await Json.ReadAsync(await clinic.PostAsync("/api/v1/waitlist", new
        {
            patientId = await clinic.NewPatientAsync(), departmentId = schedule.DepartmentId, earliestStart = app.Now, latestEnd = app.Now.AddDays(30),
        }), HttpStatusCode.Created)).Id();
        var shift = (await Json.ReadAsync(await clinic.PostAsync("/api/v1/shifts", new
        {
            departmentId = schedule.DepartmentId, role = "nurse", startsAt = schedule.At(monday, "07:00"), endsAt = schedule.At(monday, "15:00"),
        }), HttpStatusCode.Created)).Id();
        var window = $"from={Uri.EscapeDataString(schedule.At(monday, "00:00").ToString("O"))}&to={Uri.EscapeDataString(schedule.At(monday, "23:00").ToString("O"))}";

        var probes = isolation(clinic)
            .CoveringEvery(
                ModuleEndpoints.Of(app.Services, typeof(HealthCore.Modules.Scheduling.SchedulingDb).Namespace!),
                // Creating names the department (or the practitioner's schedule) in the body: a 400 naming the field (SchedulingFacilityScopingTests).
                "POST /api/v1/schedules/", "POST /api/v1/appointments/", "POST /api/v1/waitlist/", "POST /api/v1/shifts/")
            .Watching($"/api/v1/schedules/{schedule.Id}", $"/api/v1/appointments/{appointment}", $"/api/v1/waitlist/{entry}",
                $"/api/v1/shifts?date={monday:yyyy-MM-dd}")
            .Get($"/api/v1/schedules/{schedule.Id}")
            .Patch($"/api/v1/schedules/{schedule.Id}", new { capacity = 5 })
            .Post($"/api/v1/schedules/{schedule.Id}/exceptions", new { fromDate = monday, toDate = monday, reason = "Hijack" })
            .Get($"/api/v1/appointments/{appointment}")
            .Post($"/api/v1/appointments/{appointment}/confirm")
            .Post($"/api/v1/appointments/{appointment}/check-in")
            .Post($"/api/v1/appointments/{appointment}/start")
            .Post($"/api/v1/appointments/{appointment}/complete")
            .Post($"/api/v1/appointments/{appointment}/no-show")
            .Post($"/api/v1/appointments/{appointment}/cancel", new { reason = "Hijack" })
            .Post($"/api/v1/appointments/{appointment}/reschedule", new { startsAt = schedule.At(monday, "10:00"), reason = "Hijack" })
            .Post($"/api/v1/appointments/{appointment}/remind")
            .Get($"/api/v1/waitlist/{entry}")
            .Post($"/api/v1/waitlist/{entry}/accept")
            .Post($"/api/v1/waitlist/{entry}/decline")
            .Post($"/api/v1/waitlist/{entry}/cancel")
            .Post($"/api/v1/shifts/{shift}/assignments", new { practitionerId = Guid.NewGuid() })
            .ListWithout("/api/v1/schedules", schedule.Id)
            .ListWithout("/api/v1/appointments", appointment)
            .ListWithout($"/api/v1/appointments?practitionerId={schedule.PractitionerId}", appointment)
            .ListWithout("/api/v1/waitlist", entry)
            .ListWithout($"/api/v1/shifts?date={monday:yyyy-MM-dd}", shift)
            .ListWithout($"/api/v1/slots?practitionerId={schedule.PractitionerId}&{window}", schedule.Id);
        var availability = $"/api/v1/practitioners/{schedule.PractitionerId}/availability?date={monday:yyyy-MM-dd}";
        await (sameTenant ? probes.ListWithout(availability, appointment) : probes.Get(availability)).ShouldHoldAsync();
    }
}
