using HealthCore.Modules.Scheduling;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HealthCore.Tests.Modules.Scheduling;

public abstract class AppointmentStatusTests(SchedulingApp app)
{
    private static readonly string[] Statuses = ["offered", "booked", "confirmed", "checkedIn", "inProgress", "completed", "cancelled", "noShow"];

    /// <summary>Which action is legal from which status, and where it leads (null: the status stays).</summary>
    private static readonly Dictionary<string, (string[] From, string? To)> Rules = new()
    {
        ["confirm"] = (["booked"], "confirmed"),
        ["check-in"] = (["booked", "confirmed"], "checkedIn"),
        ["start"] = (["checkedIn"], "inProgress"),
        ["complete"] = (["inProgress"], "completed"),
        ["no-show"] = (["booked", "confirmed"], "noShow"),
        ["cancel"] = (["booked", "confirmed"], "cancelled"),
        ["reschedule"] = (["booked", "confirmed"], "booked"),
        ["remind"] = (["booked", "confirmed"], null),
    };

    public static TheoryData<string, string> EveryStatusAndAction()
    {
        var data = new TheoryData<string, string>();
        foreach (var status in Statuses)
        {
            foreach (var action in Rules.Keys)
            {
                data.Add(status, action);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EveryStatusAndAction))]
    public async Task Each_action_moves_a_legal_status_on_and_answers_409_naming_the_status_otherwise(string status, string action)
    {
        var clinic = app.NewClinic();
        var id = await InStatusAsync(clinic, status);
        if (action == "no-show")
        {
            app.AdvancePast((await clinic.GetJsonAsync($"/api/v1/appointments/{id}")).GetProperty("endsAt").GetDateTimeOffset());
        }

        var response = await clinic.PostAsync($"/api/v1/appointments/{id}/{action}", BodyFor(action, clinic));

        var (from, to) = Rules[action];
        if (from.Contains(status))
        {
            response.StatusCode.ShouldBe(action == "remind" ? HttpStatusCode.Accepted : HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
            (await clinic.GetJsonAsync($"/api/v1/appointments/{id}")).Status().ShouldBe(to ?? status);
        }
        else
        {
            var problem = await ProblemAssertions.ShouldBeProblemAsync(response, HttpStatusCode.Conflict);
            problem.GetProperty("currentStatus").GetString().ShouldBe(status);
            problem.GetProperty("title").GetString().ShouldBe($"The appointment is {status}.");
            (await clinic.GetJsonAsync($"/api/v1/appointments/{id}")).Status().ShouldBe(status);
        }
    }

    [Fact]
    public async Task The_whole_visit_publishes_its_events_with_check_in_for_the_encounter_module()
    {
        var clinic = app.NewClinic();
        var schedule = await clinic.AroundTheClockAsync();
        var id = (await clinic.BookedAsync(schedule, clinic.Soon())).Id();

        foreach (var action in new[] { "confirm", "check-in", "start", "complete" })
        {
            (await clinic.PostAsync($"/api/v1/appointments/{id}/{action}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        var events = await OutboxAsync(clinic.TenantId);
        events.Select(e => e.Type[(e.Type.LastIndexOf('.') + 1)..]).ShouldBe(
            ["AppointmentBooked", "AppointmentConfirmed", "AppointmentCheckedIn", "AppointmentStarted", "AppointmentCompleted"]);
        events[2].Payload.ShouldContain(id.ToString());
    }

    [Fact]
    public async Task A_no_show_before_the_start_answers_422_and_after_it_publishes_AppointmentNoShow()
    {
        var clinic = app.NewClinic();
        var schedule = await clinic.AroundTheClockAsync();
        var start = clinic.Soon();
        var id = (await clinic.BookedAsync(schedule, start)).Id();

        var early = await clinic.PostAsync($"/api/v1/appointments/{id}/no-show");
        app.AdvancePast(start);
        var late = await clinic.PostAsync($"/api/v1/appointments/{id}/no-show");

        await ProblemAssertions.ShouldBeProblemAsync(early, HttpStatusCode.UnprocessableEntity);
        (await Json.ReadAsync(late, HttpStatusCode.OK)).Status().ShouldBe("noShow");
        (await OutboxAsync(clinic.TenantId)).Select(e => e.Type).ShouldContain(t => t.EndsWith("AppointmentNoShow", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Cancelling_needs_a_reason_frees_the_place_and_publishes_AppointmentCancelled()
    {
        var clinic = app.NewClinic();
        var schedule = await clinic.PractitionerScheduleAsync();
        var start = schedule.At(app.Next(DayOfWeek.Monday), "09:00");
        var id = (await clinic.BookedAsync(schedule, start)).Id();

        var withoutReason = await clinic.PostAsync($"/api/v1/appointments/{id}/cancel", new { });
        var cancelled = await Json.ReadAsync(await clinic.PostAsync($"/api/v1/appointments/{id}/cancel", new { reason = "Patient request" }), HttpStatusCode.OK);
        var rebooked = await clinic.BookAsync(schedule, start, await clinic.NewPatientAsync());

        (await ProblemAssertions.ShouldBeProblemAsync(withoutReason, HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("reason", out _).ShouldBeTrue();
        cancelled.GetProperty("cancellationReason").GetString().ShouldBe("Patient request");
        rebooked.StatusCode.ShouldBe(HttpStatusCode.Created);
        (await OutboxAsync(clinic.TenantId)).Select(e => e.Type).ShouldContain(t => t.EndsWith("AppointmentCancelled", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Rescheduling_moves_the_appointment_keeps_history_and_frees_the_old_slot()
    {
        var clinic = app.NewClinic();
        var schedule = await clinic.PractitionerScheduleAsync();
        var monday = app.Next(DayOfWeek.Monday);
        var user = Guid.CreateVersion7();
        var staff = clinic.As("Receptionist", user);
        var id = (await clinic.BookedAsync(schedule, schedule.At(monday, "09:00"))).Id();
        await clinic.PostAsync($"/api/v1/appointments/{id}/confirm");

        var moved = await Json.ReadAsync(
            await clinic.PostAsync($"/api/v1/appointments/{id}/reschedule", new { startsAt = schedule.At(monday, "11:00"), reason = "Doctor in theatre" }, staff),
            HttpStatusCode.OK);
        var read = await clinic.GetJsonAsync($"/api/v1/appointments/{id}");
        var oldSlot = await clinic.BookAsync(schedule, schedule.At(monday, "09:00"), await clinic.NewPatientAsync());
        var newSlot = await clinic.BookAsync(schedule, schedule.At(monday, "11:00"), await clinic.NewPatientAsync());

        moved.Status().ShouldBe("booked");
        moved.GetProperty("startsAt").GetDateTimeOffset().ShouldBe(schedule.At(monday, "11:00"));
        moved.GetProperty("endsAt").GetDateTimeOffset().ShouldBe(schedule.At(monday, "11:30"));
        var history = read.GetProperty("history").EnumerateArray().Single();
        history.GetProperty("fromStartsAt").GetDateTimeOffset().ShouldBe(schedule.At(monday, "09:00"));
        history.GetProperty("toStartsAt").GetDateTimeOffset().ShouldBe(schedule.At(monday, "11:00"));
        history.GetProperty("reason").GetString().ShouldBe("Doctor in theatre");
        history.GetProperty("actorId").GetGuid().ShouldBe(user);
        oldSlot.StatusCode.ShouldBe(HttpStatusCode.Created);
        await ProblemAssertions.ShouldBeProblemAsync(newSlot, HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Rescheduling_into_a_full_slot_answers_409_and_leaves_the_appointment_where_it_was()
    {
        var clinic = app.NewClinic();
        var schedule = await clinic.PractitionerScheduleAsync();
        var monday = app.Next(DayOfWeek.Monday);
        await clinic.BookedAsync(schedule, schedule.At(monday, "10:00"));
        var id = (await clinic.BookedAsync(schedule, schedule.At(monday, "09:00"))).Id();

        var response = await clinic.PostAsync($"/api/v1/appointments/{id}/reschedule", new { startsAt = schedule.At(monday, "10:00"), reason = "Later" });

        await ProblemAssertions.ShouldBeProblemAsync(response, HttpStatusCode.Conflict);
        var read = await clinic.GetJsonAsync($"/api/v1/appointments/{id}");
        read.GetProperty("startsAt").GetDateTimeOffset().ShouldBe(schedule.At(monday, "09:00"));
        read.GetProperty("history").GetArrayLength().ShouldBe(0);
        await ProblemAssertions.ShouldBeProblemAsync(
            await clinic.BookAsync(schedule, schedule.At(monday, "09:00"), await clinic.NewPatientAsync()), HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Booking_rescheduling_and_status_changes_answer_the_body_a_read_gives_and_statusChangedAt_starts_at_the_booking()
    {
        var clinic = app.NewClinic();
        var schedule = await clinic.PractitionerScheduleAsync();
        var monday = app.Next(DayOfWeek.Monday);

        var booked = await clinic.BookedAsync(schedule, schedule.At(monday, "09:00"));
        var id = booked.Id();
        booked.GetProperty("statusChangedAt").GetDateTimeOffset().ShouldBe(booked.GetProperty("createdAt").GetDateTimeOffset());
        booked.GetRawText().ShouldBe((await clinic.GetJsonAsync($"/api/v1/appointments/{id}")).GetRawText());
        var moved = await Json.ReadAsync(
            await clinic.PostAsync($"/api/v1/appointments/{id}/reschedule", new { startsAt = schedule.At(monday, "10:00"), reason = "Later" }), HttpStatusCode.OK);
        moved.GetProperty("history").GetArrayLength().ShouldBe(1);
        moved.GetRawText().ShouldBe((await clinic.GetJsonAsync($"/api/v1/appointments/{id}")).GetRawText());
        var confirmed = await Json.ReadAsync(await clinic.PostAsync($"/api/v1/appointments/{id}/confirm"), HttpStatusCode.OK);
        confirmed.GetRawText().ShouldBe((await clinic.GetJsonAsync($"/api/v1/appointments/{id}")).GetRawText());
    }

    [Fact]
    public async Task Rescheduling_by_a_quarter_hour_keeps_the_shared_slot_and_frees_only_the_rest()
    {
        var clinic = app.NewClinic();
        var schedule = await clinic.PractitionerScheduleAsync();
        var monday = app.Next(DayOfWeek.Monday);
        var id = (await clinic.BookedAsync(schedule, schedule.At(monday, "09:00"), extra: new { durationMinutes = 60 })).Id();

        await Json.ReadAsync(
            await clinic.PostAsync($"/api/v1/appointments/{id}/reschedule", new { startsAt = schedule.At(monday, "09:30"), reason = "Late start" }),
            HttpStatusCode.OK);

        (await clinic.BookAsync(schedule, schedule.At(monday, "09:00"), await clinic.NewPatientAsync())).StatusCode.ShouldBe(HttpStatusCode.Created);
        await ProblemAssertions.ShouldBeProblemAsync(await clinic.BookAsync(schedule, schedule.At(monday, "10:00"), await clinic.NewPatientAsync()), HttpStatusCode.Conflict);
    }

    private async Task<Guid> InStatusAsync(Clinic clinic, string status)
    {
        var schedule = await clinic.AroundTheClockAsync();
        var start = clinic.Soon();
        if (status == "offered")
        {
            var booked = (await clinic.BookedAsync(schedule, start)).Id();
            var entry = await Json.ReadAsync(await clinic.PostAsync("/api/v1/waitlist", new
            {
                patientId = await clinic.NewPatientAsync(), practitionerId = schedule.PractitionerId, earliestStart = app.Now, latestEnd = app.Now.AddDays(1),
            }), HttpStatusCode.Created);
            (await clinic.PostAsync($"/api/v1/appointments/{booked}/cancel", new { reason = "Make room" })).StatusCode.ShouldBe(HttpStatusCode.OK);
            return (await clinic.GetJsonAsync($"/api/v1/waitlist/{entry.Id()}")).GetProperty("offeredAppointmentId").GetGuid();
        }

        var id = (await clinic.BookedAsync(schedule, start)).Id();
        var steps = status switch
        {
            "confirmed" => ["confirm"],
            "checkedIn" => ["check-in"],
            "inProgress" => ["check-in", "start"],
            "completed" => ["check-in", "start", "complete"],
            "cancelled" => ["cancel"],
            "noShow" => ["no-show"],
            _ => Array.Empty<string>(),
        };
        foreach (var step in steps)
        {
            if (step == "no-show")
            {
                app.AdvancePast(start);
            }

            (await clinic.PostAsync($"/api/v1/appointments/{id}/{step}", new { reason = "Set up" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        return id;
    }

    private static object BodyFor(string action, Clinic clinic) => action switch
    {
        "cancel" => new { reason = "Patient request" },
        "reschedule" => new { startsAt = clinic.Soon(TimeSpan.FromHours(2)), reason = "Moved" },
        _ => new { },
    };

    private async Task<List<(string Type, string Payload)>> OutboxAsync(Guid tenantId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<SchedulingDb>().Outbox.AsNoTracking()
                .Where(m => m.TenantId == tenantId).OrderBy(m => m.Id).Select(m => new { m.Type, m.Payload }).ToListAsync())
            .ConvertAll(m => (m.Type, m.Payload));
    }
}

[Collection(SchedulingPostgresCollection.Name)]
public sealed class AppointmentStatusTests_on_Postgres(SchedulingPostgresApp app) : AppointmentStatusTests(app);

[Collection(SchedulingSqliteCollection.Name)]
public sealed class AppointmentStatusTests_on_Sqlite(SchedulingSqliteApp app) : AppointmentStatusTests(app);
