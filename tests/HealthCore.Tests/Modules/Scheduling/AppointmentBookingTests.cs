using System.Text.Json;
using HealthCore.Modules.Scheduling;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HealthCore.Tests.Modules.Scheduling;

public abstract class AppointmentBookingTests(SchedulingApp app)
{
    [Fact]
    public async Task Booking_a_free_slot_answers_201_with_utc_and_local_times_and_publishes_AppointmentBooked()
    {
        var clinic = app.NewClinic();
        await clinic.ConfigureAsync(new { bookingHorizonDays = 730 });
        var schedule = await clinic.PractitionerScheduleAsync("Europe/London");
        var start = schedule.At(new DateOnly(2027, 3, 29), "09:30");
        var patientId = await clinic.NewPatientAsync();

        var response = await clinic.BookAsync(schedule, start, patientId, new { reason = "Chest pain", notes = "Bring ECG" });
        var booked = await Json.ReadAsync(response, HttpStatusCode.Created);

        response.Headers.Location!.ToString().ShouldBe($"/api/v1/appointments/{booked.Id()}");
        booked.Status().ShouldBe("booked");
        booked.GetProperty("startsAt").GetString().ShouldBe("2027-03-29T08:30:00Z");
        booked.GetProperty("endsAt").GetString().ShouldBe("2027-03-29T09:00:00Z");
        booked.GetProperty("localStart").GetString().ShouldBe("2027-03-29T09:30:00+01:00");
        booked.GetProperty("scheduleId").GetGuid().ShouldBe(schedule.Id);
        (await OutboxTypesAsync(clinic.TenantId)).ShouldContain(t => t.EndsWith("AppointmentBooked", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_longer_duration_occupies_consecutive_slots()
    {
        var clinic = app.NewClinic();
        var schedule = await clinic.PractitionerScheduleAsync();
        var monday = app.Next(DayOfWeek.Monday);

        var booked = await clinic.BookedAsync(schedule, schedule.At(monday, "10:00"), extra: new { durationMinutes = 60 });
        var blocked = await clinic.BookAsync(schedule, schedule.At(monday, "10:30"), await clinic.NewPatientAsync());

        booked.GetProperty("endsAt").GetDateTimeOffset().ShouldBe(schedule.At(monday, "11:00"));
        await ProblemAssertions.ShouldBeProblemAsync(blocked, HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task A_full_slot_answers_409_naming_the_slot_and_capacity()
    {
        var clinic = app.NewClinic();
        var schedule = await clinic.PractitionerScheduleAsync(capacity: 2);
        var start = schedule.At(app.Next(DayOfWeek.Tuesday), "09:00");
        await clinic.BookedAsync(schedule, start);
        await clinic.BookedAsync(schedule, start);

        var problem = await ProblemAssertions.ShouldBeProblemAsync(await clinic.BookAsync(schedule, start, await clinic.NewPatientAsync()), HttpStatusCode.Conflict);

        problem.GetProperty("title").GetString().ShouldBe("The slot is fully booked.");
        problem.GetProperty("capacity").GetInt32().ShouldBe(2);
        problem.GetProperty("slotStartsAt").GetDateTimeOffset().ShouldBe(start);
    }

    [Fact]
    public async Task An_interval_overlapping_a_booked_one_without_matching_it_is_refused()
    {
        var clinic = app.NewClinic();
        var schedule = await clinic.PractitionerScheduleAsync();
        var monday = app.Next(DayOfWeek.Monday);
        await clinic.BookedAsync(schedule, schedule.At(monday, "09:30"));

        var straddling = await clinic.BookAsync(schedule, schedule.At(monday, "09:15"), await clinic.NewPatientAsync(), new { durationMinutes = 30 });
        var inside = await clinic.BookAsync(schedule, schedule.At(monday, "09:40"), await clinic.NewPatientAsync(), new { durationMinutes = 10 });
        var before = await clinic.BookAsync(schedule, schedule.At(monday, "09:00"), await clinic.NewPatientAsync());

        await ProblemAssertions.ShouldBeProblemAsync(straddling, HttpStatusCode.Conflict);
        await ProblemAssertions.ShouldBeProblemAsync(inside, HttpStatusCode.Conflict);
        before.StatusCode.ShouldBe(HttpStatusCode.Created);
    }

    [Fact]
    public async Task The_patient_cannot_hold_two_overlapping_appointments_even_with_different_practitioners()
    {
        var clinic = app.NewClinic();
        var cardiology = await clinic.PractitionerScheduleAsync();
        var dermatology = await clinic.PractitionerScheduleAsync();
        var patientId = await clinic.NewPatientAsync();
        var monday = app.Next(DayOfWeek.Monday);
        var first = await clinic.BookedAsync(cardiology, cardiology.At(monday, "10:00"), patientId);

        var problem = await ProblemAssertions.ShouldBeProblemAsync(
            await clinic.BookAsync(dermatology, dermatology.At(monday, "10:00"), patientId), HttpStatusCode.Conflict);
        var later = await clinic.BookAsync(dermatology, dermatology.At(monday, "10:30"), patientId);

        problem.GetProperty("conflictingAppointmentId").GetGuid().ShouldBe(first.Id());
        later.StatusCode.ShouldBe(HttpStatusCode.Created);
    }

    [Theory]
    [InlineData("08:30", "outside")]
    [InlineData("12:00", "outside")]
    [InlineData("11:45", "outside")]
    [InlineData("10:00", "blocked")]
    public async Task Times_outside_availability_or_inside_an_exception_answer_422(string time, string why)
    {
        var clinic = app.NewClinic();
        var schedule = await clinic.PractitionerScheduleAsync();
        var wednesday = app.Next(DayOfWeek.Wednesday);
        if (why == "blocked")
        {
            await clinic.PostAsync($"/api/v1/schedules/{schedule.Id}/exceptions", new { fromDate = wednesday, toDate = wednesday, reason = "Public holiday" });
        }

        var problem = await ProblemAssertions.ShouldBeProblemAsync(
            await clinic.BookAsync(schedule, schedule.At(wednesday, time), await clinic.NewPatientAsync()), HttpStatusCode.UnprocessableEntity);

        problem.GetProperty("detail").GetString()!.ShouldContain(why == "blocked" ? "Public holiday" : "outside");
    }

    [Fact]
    public async Task A_weekend_day_without_availability_and_a_past_time_answer_422()
    {
        var clinic = app.NewClinic();
        var schedule = await clinic.PractitionerScheduleAsync();

        var saturday = await clinic.BookAsync(schedule, schedule.At(app.Next(DayOfWeek.Saturday), "10:00"), await clinic.NewPatientAsync());
        var past = await clinic.BookAsync(schedule, app.Now.AddDays(-1), await clinic.NewPatientAsync());

        await ProblemAssertions.ShouldBeProblemAsync(saturday, HttpStatusCode.UnprocessableEntity);
        (await ProblemAssertions.ShouldBeProblemAsync(past, HttpStatusCode.UnprocessableEntity)).GetProperty("title").GetString().ShouldBe("The time is in the past.");
    }

    [Fact]
    public async Task A_department_that_is_not_the_schedules_answers_400_naming_departmentId()
    {
        var clinic = app.NewClinic();
        var schedule = await clinic.PractitionerScheduleAsync();

        var problem = await ProblemAssertions.ShouldBeProblemAsync(
            await clinic.BookAsync(schedule, schedule.At(app.Next(DayOfWeek.Monday), "10:00"), await clinic.NewPatientAsync(), new { departmentId = Guid.NewGuid() }),
            HttpStatusCode.BadRequest);

        problem.GetProperty("errors").TryGetProperty("departmentId", out _).ShouldBeTrue();
    }

    [Theory]
    [InlineData("type", "walkIn")]
    [InlineData("practitionerId", null)]
    [InlineData("durationMinutes", 1000)]
    [InlineData("reason", "long")]
    public async Task Invalid_bookings_answer_400_not_500(string field, object? value)
    {
        var clinic = app.NewClinic();
        var schedule = await clinic.PractitionerScheduleAsync();
        var body = Json.Merge(new
        {
            patientId = Guid.NewGuid(), practitionerId = schedule.PractitionerId, departmentId = schedule.DepartmentId,
            startsAt = schedule.At(app.Next(DayOfWeek.Monday), "10:00"), type = "followUp",
        }, null);
        body[field] = value is "long" ? new string('x', 600) : value;

        await ProblemAssertions.ShouldBeProblemAsync(await clinic.Staff.PostAsJsonAsync("/api/v1/appointments", body), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Overbooking_a_full_slot_needs_the_overbook_permission_and_is_audited()
    {
        var clinic = app.NewClinic();
        var schedule = await clinic.PractitionerScheduleAsync();
        var start = schedule.At(app.Next(DayOfWeek.Thursday), "11:00");
        await clinic.BookedAsync(schedule, start);
        var receptionist = clinic.As("Receptionist");

        var refused = await clinic.BookAsync(schedule, start, await clinic.NewPatientAsync(), new { overbook = true }, receptionist);
        var overbooked = await clinic.BookedAsync(schedule, start, extra: new { overbook = true });

        await ProblemAssertions.ShouldBeProblemAsync(refused, HttpStatusCode.Forbidden);
        overbooked.GetProperty("overbooked").GetBoolean().ShouldBeTrue();
        var audit = await Json.ReadAsync(await clinic.Staff.GetAsync($"/api/v1/audit?entityId={overbooked.Id()}"), HttpStatusCode.OK);
        audit.GetProperty("items").EnumerateArray().Select(r => r.GetProperty("action").GetString()).ShouldContain("overbook");
    }

    [Fact]
    public async Task A_retry_with_the_same_idempotency_key_replays_instead_of_booking_twice()
    {
        var clinic = app.NewClinic();
        var schedule = await clinic.PractitionerScheduleAsync(capacity: 5);
        var body = new
        {
            patientId = await clinic.NewPatientAsync(), practitionerId = schedule.PractitionerId, departmentId = schedule.DepartmentId,
            startsAt = schedule.At(app.Next(DayOfWeek.Friday), "09:00"), type = "followUp",
        };
        var key = Guid.NewGuid().ToString();

        var first = await SendWithKeyAsync(clinic.Staff, body, key);
        var retry = await SendWithKeyAsync(clinic.Staff, body, key);

        first.StatusCode.ShouldBe(HttpStatusCode.Created);
        retry.StatusCode.ShouldBe(HttpStatusCode.Created);
        retry.Headers.GetValues("Idempotent-Replayed").Single().ShouldBe("true");
        (await Json.ReadAsync(retry, HttpStatusCode.Created)).Id().ShouldBe((await Json.ReadAsync(first, HttpStatusCode.Created)).Id());
        (await clinic.GetJsonAsync($"/api/v1/appointments?patientId={body.patientId}")).GetProperty("items").GetArrayLength().ShouldBe(1);
    }

    [Fact]
    public async Task A_modality_such_as_an_MRI_scanner_is_booked_like_a_practitioner()
    {
        var clinic = app.NewClinic();
        var departmentId = await clinic.NewDepartmentAsync();
        await clinic.CreateScheduleAsync(new
        {
            modality = "MRI", departmentId, daysOfWeek = new[] { "monday" }, startTime = "08:00", endTime = "12:00", slotMinutes = 45,
            effectiveFrom = DateOnly.FromDateTime(app.Now.UtcDateTime),
        });
        var start = new DateTimeOffset(app.Next(DayOfWeek.Monday).ToDateTime(new TimeOnly(8, 45)), TimeSpan.Zero);

        var response = await clinic.Staff.PostAsJsonAsync("/api/v1/appointments", new
        {
            patientId = await clinic.NewPatientAsync(), modality = "mri", departmentId, startsAt = start, type = "imagingExam",
        });
        var booked = await Json.ReadAsync(response, HttpStatusCode.Created);
        var slots = await clinic.GetJsonAsync($"/api/v1/slots?modality=mri&departmentId={departmentId}&from={Uri.EscapeDataString(start.ToString("O"))}&to={Uri.EscapeDataString(start.AddHours(1).ToString("O"))}");

        booked.GetProperty("modality").GetString().ShouldBe("mri");
        booked.GetProperty("endsAt").GetDateTimeOffset().ShouldBe(start.AddMinutes(45));
        slots.GetProperty("items").EnumerateArray().Select(s => s.GetProperty("startsAt").GetDateTimeOffset()).ShouldNotContain(start);
    }

    [Fact]
    public async Task Appointments_are_listed_by_filters_in_start_order_with_cursors()
    {
        var clinic = app.NewClinic();
        var schedule = await clinic.PractitionerScheduleAsync();
        var monday = app.Next(DayOfWeek.Monday);
        var ids = new List<Guid>();
        foreach (var time in new[] { "11:00", "09:00", "10:00" })
        {
            ids.Add((await clinic.BookedAsync(schedule, schedule.At(monday, time))).Id());
        }

        var first = await clinic.GetJsonAsync($"/api/v1/appointments?practitionerId={schedule.PractitionerId}&status=booked&limit=2");
        var second = await clinic.GetJsonAsync(
            $"/api/v1/appointments?practitionerId={schedule.PractitionerId}&status=booked&limit=2&cursor={first.GetProperty("nextCursor").GetString()}");

        first.GetProperty("items").EnumerateArray().Select(a => a.Id()).ShouldBe([ids[1], ids[2]]);
        second.GetProperty("items").EnumerateArray().Select(a => a.Id()).ShouldBe([ids[0]]);
        second.GetProperty("nextCursor").ValueKind.ShouldBe(JsonValueKind.Null);
    }

    private static Task<HttpResponseMessage> SendWithKeyAsync(HttpClient client, object body, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/appointments") { Content = JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", key);
        return client.SendAsync(request);
    }

    private async Task<List<string>> OutboxTypesAsync(Guid tenantId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<SchedulingDb>().Outbox.AsNoTracking()
            .Where(m => m.TenantId == tenantId).Select(m => m.Type).ToListAsync();
    }
}

[Collection(SchedulingPostgresCollection.Name)]
public sealed class AppointmentBookingTests_on_Postgres(SchedulingPostgresApp app) : AppointmentBookingTests(app);

[Collection(SchedulingSqliteCollection.Name)]
public sealed class AppointmentBookingTests_on_Sqlite(SchedulingSqliteApp app) : AppointmentBookingTests(app);
