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

        await IdempotentRetry.ShouldReplayAsync(clinic.Staff, $"/api/v1/appointments/{id}/reschedule", body, HttpStatusCode.OK);

        (await clinic.GetJsonAsync($"/api/v1/appointments/{id}")).GetProperty("history").GetArrayLength().ShouldBe(1);
    }

    [Fact]
    public async Task A_retried_cancel_with_the_same_key_replays_the_first_200_instead_of_409()
    {
        var clinic = app.NewClinic();
        var schedule = await clinic.PractitionerScheduleAsync();
        var id = (await clinic.BookedAsync(schedule, schedule.At(app.Next(DayOfWeek.Monday), "09:00"))).Id();

        await IdempotentRetry.ShouldReplayAsync(clinic.Staff, $"/api/v1/appointments/{id}/cancel", new { reason = "Patient request" }, HttpStatusCode.OK);
    }
}

[Collection(SchedulingPostgresCollection.Name)]
public sealed class AppointmentIdempotencyTests_on_Postgres(SchedulingPostgresApp app) : AppointmentIdempotencyTests(app);

[Collection(SchedulingSqliteCollection.Name)]
public sealed class AppointmentIdempotencyTests_on_Sqlite(SchedulingSqliteApp app) : AppointmentIdempotencyTests(app);
