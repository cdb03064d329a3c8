using System.Text.Json;
using HealthCore.Modules.Scheduling;
using HealthCore.Platform.Database;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace HealthCore.Tests.Modules.Scheduling;

/// <summary>
/// The service on a database of its own, with a clock the tests can move forward (offers expire, appointments start)
/// and the background sweep off, so tests run it themselves at the instant they choose.
/// </summary>
public abstract class SchedulingApp : HealthCoreApp
{
    private protected SchedulingApp(DatabaseProvider provider)
        : base(provider, "scheduling")
    {
    }

    internal TestClock Clock { get; } = new();

    public DateTimeOffset Now => Clock.GetUtcNow();

    /// <summary>Moves the clock to a minute after the instant (if it is not already past it).</summary>
    public void AdvancePast(DateTimeOffset instant)
    {
        if (Now <= instant.AddMinutes(1))
        {
            Clock.Advance(instant.AddMinutes(1) - Now);
        }
    }

    internal Clinic NewClinic() => new(this, Guid.CreateVersion7());

    internal Task<SweepResult> SweepAsync(DateTimeOffset? at = null) =>
        Services.GetRequiredService<SchedulingSweep>().RunOnceAsync(at ?? Now, CancellationToken.None);

    /// <summary>The next <paramref name="day"/> at least <paramref name="daysAhead"/> days from now (UTC date).</summary>
    public DateOnly Next(DayOfWeek day, int daysAhead = 14)
    {
        var date = DateOnly.FromDateTime(Now.UtcDateTime).AddDays(daysAhead);
        while (date.DayOfWeek != day)
        {
            date = date.AddDays(1);
        }

        return date;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Scheduling:SweepEnabled", "false");
        builder.UseSetting("Scheduling:OfferHoldTime", "02:00:00");
        builder.ConfigureServices(services => services.AddSingleton<TimeProvider>(new StoredPrecisionClock(Clock)));
    }
}

public sealed class SchedulingPostgresApp() : SchedulingApp(DatabaseProvider.Postgres);

public sealed class SchedulingSqliteApp() : SchedulingApp(DatabaseProvider.Sqlite);

[CollectionDefinition(Name)]
public sealed class SchedulingPostgresCollection : ICollectionFixture<SchedulingPostgresApp>
{
    public const string Name = "Scheduling on PostgreSQL";
}

[CollectionDefinition(Name)]
public sealed class SchedulingSqliteCollection : ICollectionFixture<SchedulingSqliteApp>
{
    public const string Name = "Scheduling on SQLite";
}

/// <summary>A fresh tenant with its staff, and builders for its schedules and appointments.</summary>
internal sealed class Clinic(SchedulingApp app, Guid tenantId)
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<Guid, string> emails = new();

    public Guid TenantId => tenantId;

    /// <summary>Admin and Doctor together: every scheduling permission.</summary>
    public HttpClient Staff { get; } = HealthCoreApp.Authorize(app.CreateClient(), tenantId, roles: "Admin,Doctor");

    public HttpClient As(string roles, Guid? userId = null) => HealthCoreApp.Authorize(app.CreateClient(), tenantId, userId, roles);

    /// <summary>A user of this tenant assigned only to <paramref name="facilities"/>.</summary>
    public HttpClient AssignedTo(string roles, params Guid[] facilities) => HealthCoreApp.Authorize(app.CreateClient(), tenantId, roles: roles, facilities: facilities);

    /// <summary>Changes the tenant's settings (a JSON merge patch of /api/v1/config), e.g. a longer booking horizon.</summary>
    public async Task ConfigureAsync(object settings)
    {
        var request = new HttpRequestMessage(HttpMethod.Patch, "/api/v1/config") { Content = JsonContent.Create(settings) };
        request.Headers.IfMatch.Add(System.Net.Http.Headers.EntityTagHeaderValue.Any);
        await Json.ReadAsync(await Staff.SendAsync(request), HttpStatusCode.OK);
    }

    /// <summary>A patient registered through the patients API, reachable by email at <see cref="EmailOf"/>.</summary>
    public async Task<Guid> NewPatientAsync()
    {
        var id = Guid.NewGuid();
        var response = await Staff.PostAsJsonAsync("/api/v1/patients", new
        {
            name = new { family = Letters(id), given = new[] { "Pat" } },
            birthDate = "1980-05-17",
            gender = "female",
            telecom = new[] { new { system = "email", value = $"{id:N}@patients.example.org" } },
            confirmNotDuplicate = true,
        });
        var patientId = (await Json.ReadAsync(response, HttpStatusCode.Created)).Id();
        emails[patientId] = $"{id:N}@patients.example.org";
        return patientId;
    }

    public string EmailOf(Guid patientId) => emails[patientId];

    /// <summary>A physician; with <paramref name="userId"/>, linked to that user account (whose own schedule it then is).</summary>
    public async Task<Guid> NewPractitionerAsync(Guid? userId = null) =>
        (await Json.ReadAsync(
            await Staff.PostAsJsonAsync("/api/v1/practitioners", new { name = new { family = Letters(Guid.NewGuid()), given = new[] { "Doc" } }, role = "physician", userId }),
            HttpStatusCode.Created)).Id();

    public async Task<Guid> NewDepartmentAsync() =>
        (await Json.ReadAsync(
            await Staff.PostAsJsonAsync("/api/v1/departments", new { name = "Outpatients", code = $"d{Guid.NewGuid():N}"[..20], type = "clinical", facilityId = await Staff.FacilityAsync() }),
            HttpStatusCode.Created)).Id();

    /// <summary>A practitioner with a weekly schedule; the defaults are Monday to Friday 09:00-12:00 UTC, 30-minute slots, one place each.</summary>
    public async Task<ScheduleRef> PractitionerScheduleAsync(
        string timeZone = "UTC", string start = "09:00", string end = "12:00", int slotMinutes = 30, int capacity = 1, string[]? days = null,
        DateOnly? effectiveFrom = null, Guid? doctorUserId = null)
    {
        var practitionerId = await NewPractitionerAsync(doctorUserId);
        var departmentId = await NewDepartmentAsync();
        var schedule = await CreateScheduleAsync(new
        {
            practitionerId,
            departmentId,
            daysOfWeek = days ?? ["monday", "tuesday", "wednesday", "thursday", "friday"],
            startTime = start,
            endTime = end,
            slotMinutes,
            capacity,
            effectiveFrom = (effectiveFrom ?? DateOnly.FromDateTime(app.Now.UtcDateTime)).ToString("yyyy-MM-dd"),
            timeZone,
        });
        return new ScheduleRef(schedule.GetProperty("id").GetGuid(), practitionerId, departmentId, TimeZoneInfo.FindSystemTimeZoneById(timeZone));
    }

    /// <summary>A practitioner available every day around the clock in 5-minute slots, for appointments starting soon.</summary>
    public Task<ScheduleRef> AroundTheClockAsync(int capacity = 1, Guid? doctorUserId = null) =>
        PractitionerScheduleAsync("UTC", "00:00", "23:55", 5, capacity, [.. Enum.GetNames<DayOfWeek>().Select(d => d.ToLowerInvariant())],
            DateOnly.FromDateTime(app.Now.UtcDateTime).AddDays(-1), doctorUserId);

    /// <summary>The first 5-minute boundary at least <paramref name="after"/> from now that such a schedule offers.</summary>
    public DateTimeOffset Soon(TimeSpan? after = null)
    {
        var earliest = app.Now + (after ?? TimeSpan.FromMinutes(10));
        var ticks = TimeSpan.FromMinutes(5).Ticks;
        var start = new DateTimeOffset((earliest.UtcTicks + ticks - 1) / ticks * ticks, TimeSpan.Zero);
        return start.TimeOfDay >= new TimeSpan(23, 50, 0) ? start.Date.AddDays(1) : start;
    }

    public async Task<JsonElement> CreateScheduleAsync(object body)
    {
        var response = await Staff.PostAsJsonAsync("/api/v1/schedules", body);
        return await Json.ReadAsync(response, HttpStatusCode.Created);
    }

    /// <summary>A name made of letters only, unique per id, so the duplicate check never links two test patients.</summary>
    private static string Letters(Guid id) => string.Concat(id.ToString("N").Take(12).Select(c => (char)('a' + (Convert.ToInt32(c.ToString(), 16)))));

    public Task<HttpResponseMessage> BookAsync(ScheduleRef schedule, DateTimeOffset start, Guid patientId, object? extra = null, HttpClient? client = null) =>
        (client ?? Staff).PostAsJsonAsync("/api/v1/appointments", Json.Merge(
            new { patientId, practitionerId = schedule.PractitionerId, departmentId = schedule.DepartmentId, startsAt = start, type = "newConsultation" },
            extra));

    public async Task<JsonElement> BookedAsync(ScheduleRef schedule, DateTimeOffset start, Guid? patientId = null, object? extra = null) =>
        await Json.ReadAsync(await BookAsync(schedule, start, patientId ?? await NewPatientAsync(), extra), HttpStatusCode.Created);

    public Task<HttpResponseMessage> PostAsync(string path, object? body = null, HttpClient? client = null) =>
        (client ?? Staff).PostAsJsonAsync(path, body ?? new { });

    public async Task<JsonElement> GetJsonAsync(string path) => await Json.ReadAsync(await Staff.GetAsync(path), HttpStatusCode.OK);
}

/// <param name="Zone">The schedule's time zone, to turn local wall-clock times into instants.</param>
internal sealed record ScheduleRef(Guid Id, Guid PractitionerId, Guid DepartmentId, TimeZoneInfo Zone)
{
    /// <summary>The instant of a wall-clock time on a date in the schedule's zone.</summary>
    public DateTimeOffset At(DateOnly date, string time)
    {
        var local = date.ToDateTime(TimeOnly.Parse(time, System.Globalization.CultureInfo.InvariantCulture));
        return new DateTimeOffset(local, Zone.GetUtcOffset(local)).ToUniversalTime();
    }
}

internal static class Json
{
    public static async Task<JsonElement> ReadAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(expected, body);
        return JsonDocument.Parse(body).RootElement;
    }

    /// <summary>The properties of both objects, the second's winning (null adds nothing).</summary>
    public static Dictionary<string, object?> Merge(object first, object? second)
    {
        var merged = JsonSerializer.SerializeToElement(first).EnumerateObject().ToDictionary(p => p.Name, p => (object?)p.Value.Clone());
        if (second is not null)
        {
            foreach (var property in JsonSerializer.SerializeToElement(second).EnumerateObject())
            {
                merged[property.Name] = property.Value.Clone();
            }
        }

        return merged;
    }

    public static Guid Id(this JsonElement element) => element.GetProperty("id").GetGuid();

    public static string Status(this JsonElement element) => element.GetProperty("status").GetString()!;
}
