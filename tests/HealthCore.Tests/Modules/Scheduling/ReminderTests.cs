using HealthCore.Modules.Scheduling;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HealthCore.Tests.Modules.Scheduling;

/// <summary>Reminders go out a configurable time before the start and on request, never twice for one appointment, kind and time.</summary>
public abstract class ReminderTests(SchedulingApp app)
{
    [Fact]
    public async Task The_sweep_queues_one_reminder_within_the_lead_time_and_never_a_second()
    {
        var clinic = app.NewClinic();
        var schedule = await clinic.AroundTheClockAsync();
        var soon = (await clinic.BookedAsync(schedule, clinic.Soon(TimeSpan.FromHours(20)))).Id();
        var later = (await clinic.BookedAsync(schedule, clinic.Soon(TimeSpan.FromHours(30)))).Id();

        await app.SweepAsync();
        await app.SweepAsync();

        (await RemindersAsync(soon)).ShouldBe([AppointmentReminder.BeforeStart]);
        (await RemindersAsync(later)).ShouldBeEmpty();
        (await ReminderEventsAsync(clinic.TenantId, soon)).ShouldBe(1);
        var read = await clinic.GetJsonAsync($"/api/v1/appointments/{soon}");
        read.GetProperty("reminders").EnumerateArray().Single().GetProperty("kind").GetString().ShouldBe("beforeStart");
    }

    [Fact]
    public async Task Two_instances_sweeping_at_the_same_moment_queue_each_reminder_once()
    {
        var clinic = app.NewClinic();
        var schedule = await clinic.AroundTheClockAsync(capacity: 20);
        var ids = new List<Guid>();
        for (var i = 0; i < 10; i++)
        {
            ids.Add((await clinic.BookedAsync(schedule, clinic.Soon(TimeSpan.FromHours(2)))).Id());
        }

        await using var second = app.WithSettings();
        var sweeps = new[] { app.Services, second.Services, app.Services, second.Services }
            .Select(services => services.GetRequiredService<SchedulingSweep>().RunOnceAsync(app.Now, CancellationToken.None));
        await Task.WhenAll(sweeps);

        foreach (var id in ids)
        {
            (await RemindersAsync(id)).ShouldBe([AppointmentReminder.BeforeStart]);
            (await ReminderEventsAsync(clinic.TenantId, id)).ShouldBe(1);
        }
    }

    [Fact]
    public async Task A_manual_reminder_is_sent_once_and_a_second_request_answers_409()
    {
        var clinic = app.NewClinic();
        var schedule = await clinic.PractitionerScheduleAsync();
        var id = (await clinic.BookedAsync(schedule, schedule.At(app.Next(DayOfWeek.Monday), "09:00"))).Id();

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => clinic.PostAsync($"/api/v1/appointments/{id}/remind")));

        responses.Count(r => r.StatusCode == HttpStatusCode.Accepted).ShouldBe(1);
        foreach (var refused in responses.Where(r => r.StatusCode != HttpStatusCode.Accepted))
        {
            (await ProblemAssertions.ShouldBeProblemAsync(refused, HttpStatusCode.Conflict)).GetProperty("title").GetString().ShouldBe("A reminder was already sent.");
        }

        (await RemindersAsync(id)).ShouldBe([AppointmentReminder.Manual]);
        (await ReminderEventsAsync(clinic.TenantId, id)).ShouldBe(1);
    }

    [Fact]
    public async Task A_rescheduled_appointment_gets_a_reminder_for_its_new_time()
    {
        var clinic = app.NewClinic();
        var schedule = await clinic.PractitionerScheduleAsync();
        var monday = app.Next(DayOfWeek.Monday);
        var id = (await clinic.BookedAsync(schedule, schedule.At(monday, "09:00"))).Id();
        (await clinic.PostAsync($"/api/v1/appointments/{id}/remind")).StatusCode.ShouldBe(HttpStatusCode.Accepted);

        await clinic.PostAsync($"/api/v1/appointments/{id}/reschedule", new { startsAt = schedule.At(monday, "10:00"), reason = "Moved" });

        (await clinic.PostAsync($"/api/v1/appointments/{id}/remind")).StatusCode.ShouldBe(HttpStatusCode.Accepted);
        (await RemindersAsync(id)).ShouldBe([AppointmentReminder.Manual, AppointmentReminder.Manual]);
    }

    [Fact]
    public async Task A_tenant_that_turned_reminders_off_gets_no_automatic_ones()
    {
        var clinic = app.NewClinic();
        await clinic.ConfigureAsync(new { features = new { appointmentReminders = false } });
        var schedule = await clinic.AroundTheClockAsync();
        var id = (await clinic.BookedAsync(schedule, clinic.Soon(TimeSpan.FromHours(1)))).Id();

        await app.SweepAsync();

        (await RemindersAsync(id)).ShouldBeEmpty();
    }

    private async Task<List<string>> RemindersAsync(Guid appointmentId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<SchedulingDb>().Reminders.IgnoreQueryFilters()
            .Where(r => r.AppointmentId == appointmentId).OrderBy(r => r.QueuedAt).Select(r => r.Kind).ToListAsync();
    }

    private async Task<int> ReminderEventsAsync(Guid tenantId, Guid appointmentId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var payloads = await scope.ServiceProvider.GetRequiredService<SchedulingDb>().Outbox.AsNoTracking()
            .Where(m => m.TenantId == tenantId && m.Type.EndsWith("AppointmentReminderDue")).Select(m => m.Payload).ToListAsync();
        return payloads.Count(p => p.Contains(appointmentId.ToString(), StringComparison.OrdinalIgnoreCase));
    }
}

[Collection(SchedulingPostgresCollection.Name)]
public sealed class ReminderTests_on_Postgres(SchedulingPostgresApp app) : ReminderTests(app);

[Collection(SchedulingSqliteCollection.Name)]
public sealed class ReminderTests_on_Sqlite(SchedulingSqliteApp app) : ReminderTests(app);
