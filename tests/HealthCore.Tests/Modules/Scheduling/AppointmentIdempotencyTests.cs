namespace HealthCore.Tests.Modules.Scheduling;

public abstract class AppointmentIdempotencyTests(SchedulingApp app)
{
    [Fact]
    public async Task A_retried_reschedule_with_the_same_key_replays_and_records_one_history_entry()
    {
        var clinic = app.NewClinic();
        var schedule = await clinic.PractitionerScheduleAsync();
        var monday = app.Next(DayOfWeek.Monday);
        var id = (await clinic.BookedAsync(schedule, schedule.At(monday, "09:00"))).Id();
        var body = new { startsAt = schedule.At(monday, "11:00"), reason = "Doctor in theatre" };
        var key = Guid.NewGuid().ToString();

        var first = await clinic.Staff.SendAsync(Keyed($"/api/v1/appointments/{id}/reschedule", body, key));
        var retry = await clinic.Staff.SendAsync(Keyed($"/api/v1/appointments/{id}/reschedule", body, key));

        first.StatusCode.ShouldBe(HttpStatusCode.OK, await first.Content.ReadAsStringAsync());
        retry.StatusCode.ShouldBe(HttpStatusCode.OK, await retry.Content.ReadAsStringAsync());
        retry.Headers.GetValues("Idempotent-Replayed").Single().ShouldBe("true");
        (await retry.Content.ReadAsStringAsync()).ShouldBe(await first.Content.ReadAsStringAsync());
        (await clinic.GetJsonAsync($"/api/v1/appointments/{id}")).GetProperty("history").GetArrayLength().ShouldBe(1);
    }

    [Fact]
    public async Task A_retried_cancel_with_the_same_key_replays_the_first_200_instead_of_409()
    {
        var clinic = app.NewClinic();
        var schedule = await clinic.PractitionerScheduleAsync();
        var id = (await clinic.BookedAsync(schedule, schedule.At(app.Next(DayOfWeek.Monday), "09:00"))).Id();
        var key = Guid.NewGuid().ToString();

        var first = await clinic.Staff.SendAsync(Keyed($"/api/v1/appointments/{id}/cancel", new { reason = "Patient request" }, key));
        var retry = await clinic.Staff.SendAsync(Keyed($"/api/v1/appointments/{id}/cancel", new { reason = "Patient request" }, key));

        first.StatusCode.ShouldBe(HttpStatusCode.OK, await first.Content.ReadAsStringAsync());
        retry.StatusCode.ShouldBe(HttpStatusCode.OK, await retry.Content.ReadAsStringAsync());
        retry.Headers.GetValues("Idempotent-Replayed").Single().ShouldBe("true");
        (await retry.Content.ReadAsStringAsync()).ShouldBe(await first.Content.ReadAsStringAsync());
    }

    private static HttpRequestMessage Keyed(string path, object body, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", key);
        return request;
    }
}

[Collection(SchedulingPostgresCollection.Name)]
public sealed class AppointmentIdempotencyTests_on_Postgres(SchedulingPostgresApp app) : AppointmentIdempotencyTests(app);

[Collection(SchedulingSqliteCollection.Name)]
public sealed class AppointmentIdempotencyTests_on_Sqlite(SchedulingSqliteApp app) : AppointmentIdempotencyTests(app);
