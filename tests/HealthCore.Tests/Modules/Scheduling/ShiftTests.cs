using System.Text.Json;

namespace HealthCore.Tests.Modules.Scheduling;

public abstract class ShiftTests(SchedulingApp app)
{
    [Fact]
    public async Task A_shift_with_fewer_practitioners_than_required_is_flagged_under_staffed_until_filled()
    {
        var clinic = app.NewClinic();
        var departmentId = await clinic.NewDepartmentAsync();
        var day = app.Next(DayOfWeek.Monday);
        var nurse = await clinic.NewPractitionerAsync();

        var shift = await CreateAsync(clinic, departmentId, day, "07:00", "15:00", 2, nurse);
        var listed = await ListAsync(clinic, day, departmentId);
        var filled = await Json.ReadAsync(
            await clinic.PostAsync($"/api/v1/shifts/{shift.Id()}/assignments", new { practitionerId = await clinic.NewPractitionerAsync() }), HttpStatusCode.OK);

        shift.GetProperty("underStaffed").GetBoolean().ShouldBeTrue();
        listed.Single().GetProperty("underStaffed").GetBoolean().ShouldBeTrue();
        filled.GetProperty("underStaffed").GetBoolean().ShouldBeFalse();
        filled.GetProperty("assignedPractitionerIds").GetArrayLength().ShouldBe(2);
        (await ListAsync(clinic, day, departmentId)).Single().GetProperty("underStaffed").GetBoolean().ShouldBeFalse();
    }

    [Fact]
    public async Task A_practitioner_cannot_be_assigned_overlapping_shifts_but_back_to_back_is_fine()
    {
        var clinic = app.NewClinic();
        var departmentId = await clinic.NewDepartmentAsync();
        var day = app.Next(DayOfWeek.Tuesday);
        var doctor = await clinic.NewPractitionerAsync();
        var early = await CreateAsync(clinic, departmentId, day, "07:00", "15:00", 1, doctor);

        var overlapping = await clinic.PostAsync("/api/v1/shifts", Body(departmentId, day, "14:00", "22:00", 1, doctor));
        var backToBack = await clinic.PostAsync("/api/v1/shifts", Body(departmentId, day, "15:00", "23:00", 1, doctor));
        var other = await CreateAsync(clinic, departmentId, day, "10:00", "18:00", 1);
        var assignOverlap = await clinic.PostAsync($"/api/v1/shifts/{other.Id()}/assignments", new { practitionerId = doctor });

        var problem = await ProblemAssertions.ShouldBeProblemAsync(overlapping, HttpStatusCode.Conflict);
        problem.GetProperty("conflictingShiftId").GetGuid().ShouldBe(early.Id());
        backToBack.StatusCode.ShouldBe(HttpStatusCode.Created);
        await ProblemAssertions.ShouldBeProblemAsync(assignOverlap, HttpStatusCode.Conflict);
        (await ListAsync(clinic, day, departmentId)).Count.ShouldBe(3);
    }

    [Fact]
    public async Task Parallel_assignments_of_one_practitioner_to_overlapping_shifts_keep_only_one()
    {
        var clinic = app.NewClinic();
        var departmentId = await clinic.NewDepartmentAsync();
        var day = app.Next(DayOfWeek.Wednesday);
        var doctor = await clinic.NewPractitionerAsync();
        var shifts = new List<JsonElement>();
        for (var hour = 6; hour < 14; hour++)
        {
            shifts.Add(await CreateAsync(clinic, departmentId, day, $"{hour:00}:00", $"{hour + 8:00}:00", 1));
        }

        var responses = await Task.WhenAll(shifts.Select(s => clinic.PostAsync($"/api/v1/shifts/{s.Id()}/assignments", new { practitionerId = doctor })));

        responses.Count(r => r.StatusCode == HttpStatusCode.OK).ShouldBe(1);
        responses.Where(r => r.StatusCode != HttpStatusCode.OK).ShouldAllBe(r => r.StatusCode == HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Invalid_shifts_answer_400_naming_the_field()
    {
        var clinic = app.NewClinic();
        var day = app.Next(DayOfWeek.Friday);
        var duplicate = Guid.NewGuid();

        var backwards = await clinic.PostAsync("/api/v1/shifts", Body(Guid.NewGuid(), day, "15:00", "07:00", 1));
        var twice = await clinic.PostAsync("/api/v1/shifts", Body(Guid.NewGuid(), day, "07:00", "15:00", 1, duplicate, duplicate));
        var noDate = await clinic.Staff.GetAsync("/api/v1/shifts");

        (await ProblemAssertions.ShouldBeProblemAsync(backwards, HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("endsAt", out _).ShouldBeTrue();
        (await ProblemAssertions.ShouldBeProblemAsync(twice, HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("practitionerIds", out _).ShouldBeTrue();
        (await ProblemAssertions.ShouldBeProblemAsync(noDate, HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("date", out _).ShouldBeTrue();
    }

    [Fact]
    public async Task Availability_combines_schedule_and_shift_windows_minus_exceptions_and_appointments()
    {
        var clinic = app.NewClinic();
        var schedule = await clinic.PractitionerScheduleAsync("Europe/London", "09:00", "12:00", 30, days: ["monday", "tuesday"]);
        var monday = app.Next(DayOfWeek.Monday);
        var booked = await clinic.BookedAsync(schedule, schedule.At(monday, "10:00"));
        await CreateAsync(clinic, schedule.DepartmentId, monday, "13:00", "17:00", 1, schedule.PractitionerId, schedule);
        await clinic.PostAsync($"/api/v1/schedules/{schedule.Id}/exceptions", new { fromDate = monday.AddDays(1), toDate = monday.AddDays(1), reason = "Conference" });

        var availability = await clinic.GetJsonAsync($"/api/v1/practitioners/{schedule.PractitionerId}/availability?date={monday:yyyy-MM-dd}");
        var blockedDay = await clinic.GetJsonAsync($"/api/v1/practitioners/{schedule.PractitionerId}/availability?date={monday.AddDays(1):yyyy-MM-dd}");

        availability.GetProperty("timeZone").GetString().ShouldBe("Europe/London");
        Windows(availability, "working").ShouldBe([(schedule.At(monday, "09:00"), schedule.At(monday, "12:00")), (schedule.At(monday, "13:00"), schedule.At(monday, "17:00"))]);
        Windows(availability, "free").ShouldBe(
        [
            (schedule.At(monday, "09:00"), schedule.At(monday, "10:00")),
            (schedule.At(monday, "10:30"), schedule.At(monday, "12:00")),
            (schedule.At(monday, "13:00"), schedule.At(monday, "17:00")),
        ]);
        availability.GetProperty("booked").EnumerateArray().Single().GetProperty("appointmentId").GetGuid().ShouldBe(booked.Id());
        blockedDay.GetProperty("working").GetArrayLength().ShouldBe(0);
        blockedDay.GetProperty("blocked")[0].GetProperty("reason").GetString().ShouldBe("Conference");
    }

    private static List<(DateTimeOffset, DateTimeOffset)> Windows(JsonElement availability, string name) =>
        [.. availability.GetProperty(name).EnumerateArray().Select(w => (w.GetProperty("startsAt").GetDateTimeOffset(), w.GetProperty("endsAt").GetDateTimeOffset()))];

    private static object Body(Guid departmentId, DateOnly day, string start, string end, int required, params Guid[] practitioners) =>
        Body(departmentId, day, start, end, required, null, practitioners);

    private static object Body(Guid departmentId, DateOnly day, string start, string end, int required, ScheduleRef? zone, params Guid[] practitioners)
    {
        DateTimeOffset At(string time) => zone?.At(day, time) ?? new DateTimeOffset(day.ToDateTime(TimeOnly.Parse(time, System.Globalization.CultureInfo.InvariantCulture)), TimeSpan.Zero);
        return new { departmentId, role = "nurse", startsAt = At(start), endsAt = At(end), requiredHeadcount = required, practitionerIds = practitioners };
    }

    private static async Task<JsonElement> CreateAsync(
        Clinic clinic, Guid departmentId, DateOnly day, string start, string end, int required, Guid? practitioner = null, ScheduleRef? zone = null) =>
        await Json.ReadAsync(
            await clinic.PostAsync("/api/v1/shifts", Body(departmentId, day, start, end, required, zone, practitioner is { } p ? [p] : [])),
            HttpStatusCode.Created);

    private static async Task<List<JsonElement>> ListAsync(Clinic clinic, DateOnly day, Guid departmentId) =>
        [.. (await clinic.GetJsonAsync($"/api/v1/shifts?date={day:yyyy-MM-dd}&departmentId={departmentId}")).EnumerateArray()];
}

[Collection(SchedulingPostgresCollection.Name)]
public sealed class ShiftTests_on_Postgres(SchedulingPostgresApp app) : ShiftTests(app);

[Collection(SchedulingSqliteCollection.Name)]
public sealed class ShiftTests_on_Sqlite(SchedulingSqliteApp app) : ShiftTests(app);
