using System.Net.Http.Headers;

namespace HealthCore.Tests.Modules.Scheduling;

public abstract class ScheduleTests(SchedulingApp app)
{
    [Fact]
    public async Task A_schedule_is_created_with_its_weekly_pattern_and_read_back_with_an_etag()
    {
        var clinic = app.NewClinic();
        var schedule = await clinic.PractitionerScheduleAsync("Europe/London", capacity: 3);

        var response = await clinic.Staff.GetAsync($"/api/v1/schedules/{schedule.Id}");
        var read = await Json.ReadAsync(response, HttpStatusCode.OK);

        response.Headers.ETag!.Tag.ShouldBe("\"0\"");
        read.GetProperty("practitionerId").GetGuid().ShouldBe(schedule.PractitionerId);
        read.GetProperty("daysOfWeek").EnumerateArray().Select(d => d.GetString()).ShouldBe(["monday", "tuesday", "wednesday", "thursday", "friday"]);
        read.GetProperty("startTime").GetString().ShouldBe("09:00:00");
        read.GetProperty("capacity").GetInt32().ShouldBe(3);
        read.GetProperty("timeZone").GetString().ShouldBe("Europe/London");
    }

    [Fact]
    public async Task The_slot_length_and_time_zone_default_to_the_tenant_settings_when_not_given()
    {
        var clinic = app.NewClinic();
        await clinic.ConfigureAsync(new { defaultSlotMinutes = 20, timeZone = "Europe/Berlin" });

        var schedule = await clinic.CreateScheduleAsync(new
        {
            practitionerId = await clinic.NewPractitionerAsync(),
            departmentId = await clinic.NewDepartmentAsync(),
            daysOfWeek = new[] { "monday" },
            startTime = "09:00",
            endTime = "12:00",
            effectiveFrom = "2027-01-04",
        });

        schedule.GetProperty("slotMinutes").GetInt32().ShouldBe(20);
        schedule.GetProperty("timeZone").GetString().ShouldBe("Europe/Berlin");
        schedule.GetProperty("capacity").GetInt32().ShouldBe(1);
    }

    [Theory]
    [InlineData("timeZone", "Mars/Olympus_Mons")]
    [InlineData("endTime", "08:00")]
    [InlineData("slotMinutes", 400)]
    [InlineData("slotMinutes", "30")]
    [InlineData("effectiveTo", "2026-01-01")]
    [InlineData("practitionerId", null)]
    public async Task An_invalid_schedule_answers_400_naming_the_field(string field, object? value)
    {
        var clinic = app.NewClinic();
        var body = Json.Merge(new
        {
            practitionerId = await clinic.NewPractitionerAsync(),
            departmentId = await clinic.NewDepartmentAsync(),
            daysOfWeek = new[] { "monday" },
            startTime = "09:00",
            endTime = "12:00",
            effectiveFrom = "2027-01-04",
        }, null);
        body[field] = value;

        var problem = await ProblemAssertions.ShouldBeProblemAsync(await clinic.Staff.PostAsJsonAsync("/api/v1/schedules", body), HttpStatusCode.BadRequest);

        problem.GetProperty("errors").TryGetProperty(field, out _).ShouldBeTrue(problem.ToString());
    }

    [Fact]
    public async Task An_unknown_day_of_week_answers_400_not_500()
    {
        var clinic = app.NewClinic();

        var response = await clinic.Staff.PostAsJsonAsync("/api/v1/schedules", new
        {
            practitionerId = Guid.NewGuid(), departmentId = Guid.NewGuid(), daysOfWeek = new[] { "funday" }, startTime = "09:00",
            endTime = "12:00", effectiveFrom = "2027-01-04",
        });

        await ProblemAssertions.ShouldBeProblemAsync(response, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_second_schedule_overlapping_the_same_practitioners_hours_answers_409()
    {
        var clinic = app.NewClinic();
        var first = await clinic.PractitionerScheduleAsync(days: ["monday", "wednesday"]);

        var overlapping = await clinic.Staff.PostAsJsonAsync("/api/v1/schedules", new
        {
            practitionerId = first.PractitionerId, departmentId = first.DepartmentId, daysOfWeek = new[] { "wednesday" },
            startTime = "11:30", endTime = "13:00", effectiveFrom = "2027-01-04",
        });
        var afternoon = await clinic.Staff.PostAsJsonAsync("/api/v1/schedules", new
        {
            practitionerId = first.PractitionerId, departmentId = first.DepartmentId, daysOfWeek = new[] { "wednesday" },
            startTime = "12:00", endTime = "13:00", effectiveFrom = "2027-01-04",
        });

        var problem = await ProblemAssertions.ShouldBeProblemAsync(overlapping, HttpStatusCode.Conflict);
        problem.GetProperty("conflictingScheduleId").GetGuid().ShouldBe(first.Id);
        afternoon.StatusCode.ShouldBe(HttpStatusCode.Created);
    }

    [Fact]
    public async Task Patching_needs_if_match_and_changes_capacity()
    {
        var clinic = app.NewClinic();
        var schedule = await clinic.PractitionerScheduleAsync();
        var path = $"/api/v1/schedules/{schedule.Id}";

        var withoutIfMatch = await clinic.Staff.PatchAsJsonAsync(path, new { capacity = 2 });
        var patch = new HttpRequestMessage(HttpMethod.Patch, path) { Content = JsonContent.Create(new { capacity = 2, location = "Room 4" }) };
        patch.Headers.IfMatch.Add(new EntityTagHeaderValue("\"0\""));
        var patched = await Json.ReadAsync(await clinic.Staff.SendAsync(patch), HttpStatusCode.OK);

        await ProblemAssertions.ShouldBeProblemAsync(withoutIfMatch, HttpStatusCode.PreconditionRequired);
        patched.GetProperty("capacity").GetInt32().ShouldBe(2);
        patched.GetProperty("location").GetString().ShouldBe("Room 4");
        patched.GetProperty("version").GetInt32().ShouldBe(1);
    }

    [Fact]
    public async Task A_merge_patch_null_clears_the_location_and_restores_capacity_while_null_on_a_required_field_answers_400()
    {
        var clinic = app.NewClinic();
        var schedule = await clinic.PractitionerScheduleAsync(capacity: 3);
        var path = $"/api/v1/schedules/{schedule.Id}";
        (await Json.ReadAsync(await clinic.Staff.SendAsync(MergePatchRequest.Create(path, """{"location":"Room 4"}""", new EntityTagHeaderValue("\"0\""))), HttpStatusCode.OK))
            .GetProperty("location").GetString().ShouldBe("Room 4");

        var required = await clinic.Staff.SendAsync(MergePatchRequest.Create(path, """{"startTime":null}""", new EntityTagHeaderValue("\"1\"")));
        var cleared = await Json.ReadAsync(await clinic.Staff.SendAsync(MergePatchRequest.Create(path, """{"location":null,"capacity":null}""", new EntityTagHeaderValue("\"1\""))), HttpStatusCode.OK);

        (await ProblemAssertions.ShouldBeProblemAsync(required, HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("startTime", out _).ShouldBeTrue();
        cleared.GetProperty("location").ValueKind.ShouldBe(System.Text.Json.JsonValueKind.Null);
        cleared.GetProperty("capacity").GetInt32().ShouldBe(1, "null restores the default capacity");
        cleared.GetProperty("startTime").GetString().ShouldBe("09:00:00", "an omitted field stays");
    }

    [Fact]
    public async Task Changing_the_slot_grid_under_an_upcoming_appointment_answers_409_and_keeps_the_schedule()
    {
        var clinic = app.NewClinic();
        var schedule = await clinic.PractitionerScheduleAsync();
        var booked = await clinic.BookedAsync(schedule, schedule.At(app.Next(DayOfWeek.Monday), "09:30"));
        var path = $"/api/v1/schedules/{schedule.Id}";

        var patch = new HttpRequestMessage(HttpMethod.Patch, path) { Content = JsonContent.Create(new { slotMinutes = 20 }) };
        patch.Headers.IfMatch.Add(new EntityTagHeaderValue("\"0\""));
        var problem = await ProblemAssertions.ShouldBeProblemAsync(await clinic.Staff.SendAsync(patch), HttpStatusCode.Conflict);

        problem.GetProperty("appointmentIds").EnumerateArray().Single().GetGuid().ShouldBe(booked.Id());
        (await clinic.GetJsonAsync(path)).GetProperty("slotMinutes").GetInt32().ShouldBe(30);
    }

    [Fact]
    public async Task An_exception_reports_the_appointments_inside_it_and_does_not_cancel_them()
    {
        var clinic = app.NewClinic();
        var schedule = await clinic.PractitionerScheduleAsync("America/New_York");
        var monday = app.Next(DayOfWeek.Monday);
        var inside = await clinic.BookedAsync(schedule, schedule.At(monday.AddDays(1), "10:00"));
        var outside = await clinic.BookedAsync(schedule, schedule.At(monday.AddDays(3), "10:00"));

        var created = await Json.ReadAsync(
            await clinic.PostAsync($"/api/v1/schedules/{schedule.Id}/exceptions", new { fromDate = monday, toDate = monday.AddDays(2), reason = "Annual leave" }),
            HttpStatusCode.Created);

        created.GetProperty("affectedAppointments").EnumerateArray().Select(a => a.Id()).ShouldBe([inside.Id()]);
        (await clinic.GetJsonAsync($"/api/v1/appointments/{inside.Id()}")).Status().ShouldBe("booked");
        (await clinic.GetJsonAsync($"/api/v1/appointments/{outside.Id()}")).Status().ShouldBe("booked");
        (await clinic.GetJsonAsync($"/api/v1/schedules/{schedule.Id}")).GetProperty("exceptions")[0].GetProperty("reason").GetString().ShouldBe("Annual leave");
    }

    [Fact]
    public async Task Dates_at_the_ends_of_the_calendar_answer_400_or_422_never_500()
    {
        var clinic = app.NewClinic();
        var schedule = await clinic.PractitionerScheduleAsync("America/New_York");

        var responses = new[]
        {
            await clinic.PostAsync($"/api/v1/schedules/{schedule.Id}/exceptions", new { fromDate = "9999-12-30", toDate = "9999-12-31", reason = "Far" }),
            await clinic.Staff.GetAsync($"/api/v1/slots?practitionerId={schedule.PractitionerId}&from=0001-01-01T00:00:00Z&to=0001-01-05T00:00:00Z"),
            await clinic.Staff.GetAsync($"/api/v1/slots?practitionerId={schedule.PractitionerId}&from=9999-12-30T00:00:00Z"),
            await clinic.Staff.GetAsync("/api/v1/shifts?date=9999-12-31"),
            await clinic.Staff.GetAsync($"/api/v1/practitioners/{schedule.PractitionerId}/availability?date=0001-01-01"),
            await clinic.PostAsync("/api/v1/schedules", new
            {
                practitionerId = schedule.PractitionerId, departmentId = schedule.DepartmentId, daysOfWeek = new[] { "sunday" }, startTime = "09:00",
                endTime = "10:00", effectiveFrom = "9999-12-31",
            }),
        };
        var booking = await clinic.BookAsync(schedule, DateTimeOffset.MaxValue.AddDays(-1), await clinic.NewPatientAsync());

        foreach (var response in responses)
        {
            await ProblemAssertions.ShouldBeProblemAsync(response, HttpStatusCode.BadRequest);
        }

        await ProblemAssertions.ShouldBeProblemAsync(booking, HttpStatusCode.UnprocessableEntity);
    }

    [Fact]
    public async Task Schedules_are_listed_by_practitioner()
    {
        var clinic = app.NewClinic();
        var mine = await clinic.PractitionerScheduleAsync();
        await clinic.PractitionerScheduleAsync();

        var page = await clinic.GetJsonAsync($"/api/v1/schedules?practitionerId={mine.PractitionerId}");

        page.GetProperty("items").EnumerateArray().Select(s => s.Id()).ShouldBe([mine.Id]);
    }
}

[Collection(SchedulingPostgresCollection.Name)]
public sealed class ScheduleTests_on_Postgres(SchedulingPostgresApp app) : ScheduleTests(app);

[Collection(SchedulingSqliteCollection.Name)]
public sealed class ScheduleTests_on_Sqlite(SchedulingSqliteApp app) : ScheduleTests(app);
