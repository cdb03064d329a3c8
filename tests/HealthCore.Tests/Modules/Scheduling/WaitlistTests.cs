using System.Text.Json;
using HealthCore.Modules.Scheduling;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HealthCore.Tests.Modules.Scheduling;

public abstract class WaitlistTests(SchedulingApp app)
{
    [Fact]
    public async Task A_cancellation_offers_the_place_to_the_highest_priority_earliest_entry_that_fits()
    {
        var clinic = app.NewClinic();
        var schedule = await clinic.PractitionerScheduleAsync();
        var monday = app.Next(DayOfWeek.Monday);
        var id = (await clinic.BookedAsync(schedule, schedule.At(monday, "10:00"))).Id();
        var otherPractitioner = await JoinAsync(clinic, new { practitionerId = await clinic.NewPractitionerAsync() }, "urgent");
        var tooLate = await JoinAsync(clinic, new { practitionerId = schedule.PractitionerId, earliestStart = schedule.At(monday, "11:00") }, "urgent");
        var normal = await JoinAsync(clinic, new { practitionerId = schedule.PractitionerId }, "normal");
        var highFirst = await JoinAsync(clinic, new { departmentId = schedule.DepartmentId }, "high");
        var highSecond = await JoinAsync(clinic, new { practitionerId = schedule.PractitionerId }, "high");

        await CancelAsync(clinic, id);

        var offered = await EntryAsync(clinic, highFirst);
        offered.Status().ShouldBe("offered");
        var offer = await clinic.GetJsonAsync($"/api/v1/appointments/{offered.GetProperty("offeredAppointmentId").GetGuid()}");
        offer.Status().ShouldBe("offered");
        offer.GetProperty("patientId").GetGuid().ShouldBe(offered.GetProperty("patientId").GetGuid());
        offer.GetProperty("startsAt").GetDateTimeOffset().ShouldBe(schedule.At(monday, "10:00"));
        offer.GetProperty("offerExpiresAt").GetDateTimeOffset().ShouldBe(app.Now.AddHours(2), TimeSpan.FromMinutes(1));
        foreach (var waiting in new[] { otherPractitioner, tooLate, normal, highSecond })
        {
            (await EntryAsync(clinic, waiting)).Status().ShouldBe("waiting");
        }

        (await OutboxTypesAsync(clinic.TenantId)).ShouldContain(t => t.EndsWith("WaitlistOfferMade", StringComparison.Ordinal));
        await ProblemAssertions.ShouldBeProblemAsync(
            await clinic.BookAsync(schedule, schedule.At(monday, "10:00"), await clinic.NewPatientAsync()), HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task An_entry_whose_patient_is_busy_at_that_time_is_passed_over()
    {
        var clinic = app.NewClinic();
        var schedule = await clinic.PractitionerScheduleAsync();
        var elsewhere = await clinic.PractitionerScheduleAsync();
        var monday = app.Next(DayOfWeek.Monday);
        var id = (await clinic.BookedAsync(schedule, schedule.At(monday, "10:00"))).Id();
        var busyPatient = await clinic.NewPatientAsync();
        await clinic.BookedAsync(elsewhere, elsewhere.At(monday, "10:00"), busyPatient);
        var busy = await JoinAsync(clinic, new { patientId = busyPatient, practitionerId = schedule.PractitionerId }, "urgent");
        var free = await JoinAsync(clinic, new { practitionerId = schedule.PractitionerId }, "low");

        await CancelAsync(clinic, id);

        (await EntryAsync(clinic, busy)).Status().ShouldBe("waiting");
        (await EntryAsync(clinic, free)).Status().ShouldBe("offered");
    }

    [Fact]
    public async Task Accepting_an_offer_books_the_place()
    {
        var clinic = app.NewClinic();
        var (schedule, entry, _) = await OfferedAsync(clinic);

        var booked = await Json.ReadAsync(await clinic.PostAsync($"/api/v1/waitlist/{entry}/accept"), HttpStatusCode.OK);
        var again = await clinic.PostAsync($"/api/v1/waitlist/{entry}/accept");

        booked.Status().ShouldBe("booked");
        booked.GetProperty("offerExpiresAt").ValueKind.ShouldBe(JsonValueKind.Null);
        (await EntryAsync(clinic, entry)).Status().ShouldBe("booked");
        (await ProblemAssertions.ShouldBeProblemAsync(again, HttpStatusCode.Conflict)).GetProperty("currentStatus").GetString().ShouldBe("booked");
        await app.SweepAsync(app.Now.AddHours(3));
        (await clinic.GetJsonAsync($"/api/v1/appointments/{booked.Id()}")).Status().ShouldBe("booked");
        (await EntryAsync(clinic, entry)).Status().ShouldBe("booked");
        await ProblemAssertions.ShouldBeProblemAsync(
            await clinic.BookAsync(schedule, booked.GetProperty("startsAt").GetDateTimeOffset(), await clinic.NewPatientAsync()), HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task An_expired_offer_passes_to_the_next_entry_and_the_last_expiry_frees_the_place()
    {
        var clinic = app.NewClinic();
        var (schedule, first, start) = await OfferedAsync(clinic);
        var second = await JoinAsync(clinic, new { practitionerId = schedule.PractitionerId }, "low");
        var firstOffer = (await EntryAsync(clinic, first)).GetProperty("offeredAppointmentId").GetGuid();

        app.Clock.Advance(TimeSpan.FromHours(3));
        var acceptedTooLate = await clinic.PostAsync($"/api/v1/waitlist/{first}/accept");
        await app.SweepAsync();

        await ProblemAssertions.ShouldBeProblemAsync(acceptedTooLate, HttpStatusCode.Conflict);
        (await EntryAsync(clinic, first)).Status().ShouldBe("lapsed");
        (await clinic.GetJsonAsync($"/api/v1/appointments/{firstOffer}")).Status().ShouldBe("expired");
        var passedOn = await EntryAsync(clinic, second);
        passedOn.Status().ShouldBe("offered");
        var secondOffer = await clinic.GetJsonAsync($"/api/v1/appointments/{passedOn.GetProperty("offeredAppointmentId").GetGuid()}");
        secondOffer.GetProperty("startsAt").GetDateTimeOffset().ShouldBe(start);
        await ProblemAssertions.ShouldBeProblemAsync(await clinic.BookAsync(schedule, start, await clinic.NewPatientAsync()), HttpStatusCode.Conflict);

        await app.SweepAsync(app.Now.AddHours(3));

        (await EntryAsync(clinic, second)).Status().ShouldBe("lapsed");
        (await clinic.BookAsync(schedule, start, await clinic.NewPatientAsync())).StatusCode.ShouldBe(HttpStatusCode.Created);
    }

    [Fact]
    public async Task Declining_an_offer_passes_it_on_at_once()
    {
        var clinic = app.NewClinic();
        var (schedule, first, _) = await OfferedAsync(clinic);
        var second = await JoinAsync(clinic, new { practitionerId = schedule.PractitionerId }, "normal");

        var declined = await Json.ReadAsync(await clinic.PostAsync($"/api/v1/waitlist/{first}/decline"), HttpStatusCode.OK);

        declined.Status().ShouldBe("lapsed");
        (await EntryAsync(clinic, second)).Status().ShouldBe("offered");
    }

    [Fact]
    public async Task Rescheduling_away_offers_the_old_place_but_a_no_show_offers_nothing()
    {
        var clinic = app.NewClinic();
        var schedule = await clinic.AroundTheClockAsync();
        var soon = clinic.Soon();
        var later = clinic.Soon(TimeSpan.FromHours(3));
        var moving = (await clinic.BookedAsync(schedule, later)).Id();
        var missing = (await clinic.BookedAsync(schedule, soon)).Id();
        var waiting = await JoinAsync(clinic, new { practitionerId = schedule.PractitionerId, earliestStart = app.Now, latestEnd = app.Now.AddHours(5) }, "normal");

        app.AdvancePast(soon.AddMinutes(5));
        (await clinic.PostAsync($"/api/v1/appointments/{missing}/no-show")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await EntryAsync(clinic, waiting)).Status().ShouldBe("waiting");
        (await clinic.PostAsync($"/api/v1/appointments/{moving}/reschedule", new { startsAt = later.AddHours(1), reason = "Clash" })).StatusCode.ShouldBe(HttpStatusCode.OK);

        var offered = await EntryAsync(clinic, waiting);
        offered.Status().ShouldBe("offered");
        (await clinic.GetJsonAsync($"/api/v1/appointments/{offered.GetProperty("offeredAppointmentId").GetGuid()}"))
            .GetProperty("startsAt").GetDateTimeOffset().ShouldBe(later);
    }

    [Fact]
    public async Task Two_cancellations_racing_offer_two_different_entries_one_place_each()
    {
        var clinic = app.NewClinic();
        var schedule = await clinic.PractitionerScheduleAsync();
        var monday = app.Next(DayOfWeek.Monday);
        var appointments = new[]
        {
            (await clinic.BookedAsync(schedule, schedule.At(monday, "09:00"))).Id(),
            (await clinic.BookedAsync(schedule, schedule.At(monday, "11:00"))).Id(),
        };
        var entries = new[]
        {
            await JoinAsync(clinic, new { practitionerId = schedule.PractitionerId }, "high"),
            await JoinAsync(clinic, new { practitionerId = schedule.PractitionerId }, "normal"),
            await JoinAsync(clinic, new { practitionerId = schedule.PractitionerId }, "low"),
        };

        var responses = await Task.WhenAll(appointments.Select(id => clinic.PostAsync($"/api/v1/appointments/{id}/cancel", new { reason = "Race" })));

        responses.ShouldAllBe(r => r.StatusCode == HttpStatusCode.OK);
        var states = await Task.WhenAll(entries.Select(e => EntryAsync(clinic, e)));
        states.Select(s => s.Status()).ShouldBe(["offered", "offered", "waiting"]);
        var offers = await Task.WhenAll(states.Take(2).Select(s => clinic.GetJsonAsync($"/api/v1/appointments/{s.GetProperty("offeredAppointmentId").GetGuid()}")));
        offers.Select(o => o.GetProperty("startsAt").GetDateTimeOffset()).Order()
            .ShouldBe([schedule.At(monday, "09:00"), schedule.At(monday, "11:00")]);
        (await OffersAsync(clinic.TenantId)).ShouldBe(2);
    }

    [Fact]
    public async Task A_waitlist_entry_names_a_practitioner_or_department_and_a_future_window()
    {
        var clinic = app.NewClinic();

        var neither = await clinic.PostAsync("/api/v1/waitlist", new { patientId = Guid.NewGuid(), earliestStart = app.Now, latestEnd = app.Now.AddDays(3) });
        var past = await clinic.PostAsync("/api/v1/waitlist", new
        {
            patientId = await clinic.NewPatientAsync(), departmentId = await clinic.NewDepartmentAsync(), earliestStart = app.Now.AddDays(-3), latestEnd = app.Now.AddDays(-1),
        });
        var badPriority = await clinic.PostAsync("/api/v1/waitlist", new
        {
            patientId = Guid.NewGuid(), departmentId = Guid.NewGuid(), earliestStart = app.Now, latestEnd = app.Now.AddDays(1), priority = "asap",
        });

        (await ProblemAssertions.ShouldBeProblemAsync(neither, HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("practitionerId", out _).ShouldBeTrue();
        await ProblemAssertions.ShouldBeProblemAsync(past, HttpStatusCode.UnprocessableEntity);
        await ProblemAssertions.ShouldBeProblemAsync(badPriority, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_waiting_entry_can_be_cancelled_and_is_then_never_offered()
    {
        var clinic = app.NewClinic();
        var schedule = await clinic.PractitionerScheduleAsync();
        var id = (await clinic.BookedAsync(schedule, schedule.At(app.Next(DayOfWeek.Friday), "09:00"))).Id();
        var entry = await JoinAsync(clinic, new { practitionerId = schedule.PractitionerId }, "urgent");

        (await Json.ReadAsync(await clinic.PostAsync($"/api/v1/waitlist/{entry}/cancel"), HttpStatusCode.OK)).Status().ShouldBe("cancelled");
        await CancelAsync(clinic, id);

        (await EntryAsync(clinic, entry)).Status().ShouldBe("cancelled");
        var listed = await clinic.GetJsonAsync($"/api/v1/waitlist?practitionerId={schedule.PractitionerId}&status=cancelled");
        listed.GetProperty("items").EnumerateArray().Select(e => e.Id()).ShouldBe([entry]);
    }

    private async Task<(ScheduleRef Schedule, Guid Entry, DateTimeOffset Start)> OfferedAsync(Clinic clinic)
    {
        var schedule = await clinic.PractitionerScheduleAsync();
        var start = schedule.At(app.Next(DayOfWeek.Thursday), "10:30");
        var id = (await clinic.BookedAsync(schedule, start)).Id();
        var entry = await JoinAsync(clinic, new { practitionerId = schedule.PractitionerId }, "high");
        await CancelAsync(clinic, id);
        (await EntryAsync(clinic, entry)).Status().ShouldBe("offered");
        return (schedule, entry, start);
    }

    private async Task<Guid> JoinAsync(Clinic clinic, object target, string priority)
    {
        var body = Json.Merge(new { patientId = await clinic.NewPatientAsync(), earliestStart = app.Now, latestEnd = app.Now.AddDays(60), priority }, target);
        return (await Json.ReadAsync(await clinic.PostAsync("/api/v1/waitlist", body), HttpStatusCode.Created)).Id();
    }

    private static async Task CancelAsync(Clinic clinic, Guid appointmentId) =>
        (await clinic.PostAsync($"/api/v1/appointments/{appointmentId}/cancel", new { reason = "Patient request" })).StatusCode.ShouldBe(HttpStatusCode.OK);

    private static Task<JsonElement> EntryAsync(Clinic clinic, Guid entry) => clinic.GetJsonAsync($"/api/v1/waitlist/{entry}");

    private async Task<List<string>> OutboxTypesAsync(Guid tenantId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<SchedulingDb>().Outbox.AsNoTracking()
            .Where(m => m.TenantId == tenantId).Select(m => m.Type).ToListAsync();
    }

    private async Task<int> OffersAsync(Guid tenantId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<SchedulingDb>().Appointments.IgnoreQueryFilters()
            .CountAsync(a => a.TenantId == tenantId && a.Status == AppointmentStatus.Offered);
    }
}

[Collection(SchedulingPostgresCollection.Name)]
public sealed class WaitlistTests_on_Postgres(SchedulingPostgresApp app) : WaitlistTests(app);

[Collection(SchedulingSqliteCollection.Name)]
public sealed class WaitlistTests_on_Sqlite(SchedulingSqliteApp app) : WaitlistTests(app);
