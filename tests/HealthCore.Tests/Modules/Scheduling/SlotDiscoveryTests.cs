using System.Text.Json;

namespace HealthCore.Tests.Modules.Scheduling;

public abstract class SlotDiscoveryTests(SchedulingApp app)
{
    [Fact]
    public async Task Slots_across_the_London_spring_change_keep_their_wall_clock_time_and_move_in_utc()
    {
        var clinic = app.NewClinic();
        await clinic.ConfigureAsync(new { bookingHorizonDays = 730 });
        var schedule = await clinic.PractitionerScheduleAsync("Europe/London", "09:00", "10:00", 30, days: ["friday", "monday"]);

        var slots = await SlotsAsync(clinic, $"practitionerId={schedule.PractitionerId}&from=2027-03-22T00:00:00Z&to=2027-03-30T00:00:00Z");

        slots.Select(s => (s.GetProperty("startsAt").GetString(), s.GetProperty("localStart").GetString())).ShouldBe(
        [
            ("2027-03-22T09:00:00Z", "2027-03-22T09:00:00+00:00"),
            ("2027-03-22T09:30:00Z", "2027-03-22T09:30:00+00:00"),
            ("2027-03-26T09:00:00Z", "2027-03-26T09:00:00+00:00"),
            ("2027-03-26T09:30:00Z", "2027-03-26T09:30:00+00:00"),
            ("2027-03-29T08:00:00Z", "2027-03-29T09:00:00+01:00"),
            ("2027-03-29T08:30:00Z", "2027-03-29T09:30:00+01:00"),
        ]);
        slots.ShouldAllBe(s => s.GetProperty("timeZone").GetString() == "Europe/London");
    }

    [Fact]
    public async Task Slots_across_the_New_York_autumn_change_move_an_hour_later_in_utc()
    {
        var clinic = app.NewClinic();
        await clinic.ConfigureAsync(new { bookingHorizonDays = 730 });
        var schedule = await clinic.PractitionerScheduleAsync("America/New_York", "08:00", "09:00", 60, days: ["friday", "monday"]);

        var slots = await SlotsAsync(clinic, $"practitionerId={schedule.PractitionerId}&from=2027-11-05T00:00:00Z&to=2027-11-09T00:00:00Z");

        slots.Select(s => s.GetProperty("startsAt").GetString()).ShouldBe(["2027-11-05T12:00:00Z", "2027-11-08T13:00:00Z"]);
        slots.Select(s => s.GetProperty("localStart").GetString()).ShouldBe(["2027-11-05T08:00:00-04:00", "2027-11-08T08:00:00-05:00"]);
    }

    [Fact]
    public async Task Exception_dates_and_booked_places_are_not_offered()
    {
        var clinic = app.NewClinic();
        var schedule = await clinic.PractitionerScheduleAsync("UTC", "09:00", "10:00", 30, capacity: 2, days: ["monday", "tuesday"]);
        var monday = app.Next(DayOfWeek.Monday);
        await clinic.PostAsync($"/api/v1/schedules/{schedule.Id}/exceptions", new { fromDate = monday.AddDays(1), toDate = monday.AddDays(1), reason = "Training" });
        await clinic.BookedAsync(schedule, schedule.At(monday, "09:00"));
        await clinic.BookedAsync(schedule, schedule.At(monday, "09:30"));
        await clinic.BookedAsync(schedule, schedule.At(monday, "09:30"));

        var slots = await SlotsAsync(clinic, $"practitionerId={schedule.PractitionerId}&from={Iso(schedule.At(monday, "00:00"))}&to={Iso(schedule.At(monday.AddDays(2), "00:00"))}");

        slots.Select(s => (s.GetProperty("startsAt").GetDateTimeOffset(), s.GetProperty("available").GetInt32()))
            .ShouldBe([(schedule.At(monday, "09:00"), 1)]);
    }

    [Fact]
    public async Task Past_slots_are_not_offered_and_pages_continue_with_next_cursor_like_every_list()
    {
        var clinic = app.NewClinic();
        var schedule = await clinic.PractitionerScheduleAsync("UTC", "09:00", "11:00", 30, days: ["monday"]);
        var monday = app.Next(DayOfWeek.Monday);
        var query = $"/api/v1/slots?practitionerId={schedule.PractitionerId}&from={Iso(schedule.At(monday, "00:00"))}&to={Iso(schedule.At(monday, "23:00"))}&limit=3";

        var first = await clinic.GetJsonAsync(query);
        var second = await clinic.GetJsonAsync($"{query}&cursor={Uri.EscapeDataString(first.GetProperty("nextCursor").GetString()!)}");
        var past = await SlotsAsync(clinic, $"practitionerId={schedule.PractitionerId}&from={Iso(app.Now.AddDays(-20))}&to={Iso(app.Now)}");

        first.TryGetProperty("nextFrom", out _).ShouldBeFalse();
        first.GetProperty("items").GetArrayLength().ShouldBe(3);
        second.GetProperty("items").EnumerateArray().Single().GetProperty("startsAt").GetDateTimeOffset().ShouldBe(schedule.At(monday, "10:30"));
        second.GetProperty("nextCursor").ValueKind.ShouldBe(JsonValueKind.Null);
        await ProblemAssertions.ShouldBeProblemAsync(await clinic.Staff.GetAsync($"{query}&cursor=not-a-cursor"), HttpStatusCode.BadRequest);
        past.ShouldBeEmpty();
    }

    [Fact]
    public async Task Slots_beyond_the_tenants_booking_horizon_are_not_offered()
    {
        var clinic = app.NewClinic();
        await clinic.ConfigureAsync(new { bookingHorizonDays = 20 });
        var schedule = await clinic.PractitionerScheduleAsync("UTC", "09:00", "10:00", 60, days: [.. Enum.GetNames<DayOfWeek>().Select(d => d.ToLowerInvariant())]);

        var slots = await SlotsAsync(clinic, $"practitionerId={schedule.PractitionerId}&from={Iso(app.Now.AddDays(15))}&to={Iso(app.Now.AddDays(30))}");
        var beyond = await clinic.BookAsync(schedule, schedule.At(DateOnly.FromDateTime(app.Now.UtcDateTime).AddDays(25), "09:00"), await clinic.NewPatientAsync());

        slots.Count.ShouldBeInRange(4, 5);
        slots.ShouldAllBe(s => s.GetProperty("startsAt").GetDateTimeOffset() <= app.Now.AddDays(20));
        (await ProblemAssertions.ShouldBeProblemAsync(beyond, HttpStatusCode.UnprocessableEntity)).GetProperty("title").GetString()
            .ShouldBe("The time is beyond the booking horizon.");
    }

    [Theory]
    [InlineData("from=2027-01-01T00:00:00Z&to=2027-03-01T00:00:00Z", "to")]
    [InlineData("from=2027-01-02T00:00:00Z&to=2027-01-01T00:00:00Z", "to")]
    [InlineData("limit=500", "limit")]
    public async Task Bad_slot_queries_answer_400_naming_the_parameter(string query, string field)
    {
        var clinic = app.NewClinic();

        var problem = await ProblemAssertions.ShouldBeProblemAsync(
            await clinic.Staff.GetAsync($"/api/v1/slots?practitionerId={Guid.NewGuid()}&{query}"), HttpStatusCode.BadRequest);

        problem.GetProperty("errors").TryGetProperty(field, out _).ShouldBeTrue();
    }

    private static async Task<List<JsonElement>> SlotsAsync(Clinic clinic, string query) =>
        [.. (await clinic.GetJsonAsync($"/api/v1/slots?{query}&limit=200")).GetProperty("items").EnumerateArray()];

    private static string Iso(DateTimeOffset instant) => Uri.EscapeDataString(instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture));
}

[Collection(SchedulingPostgresCollection.Name)]
public sealed class SlotDiscoveryTests_on_Postgres(SchedulingPostgresApp app) : SlotDiscoveryTests(app);

[Collection(SchedulingSqliteCollection.Name)]
public sealed class SlotDiscoveryTests_on_Sqlite(SchedulingSqliteApp app) : SlotDiscoveryTests(app);
