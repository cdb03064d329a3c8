using System.Net.Http.Headers;
using System.Text.Json;
using HealthCore.Modules.Admissions;
using HealthCore.Modules.Admissions.Demo;
using HealthCore.Modules.Clinical;
using HealthCore.Modules.Identity;
using HealthCore.Modules.Scheduling;
using HealthCore.Platform.Database;
using HealthCore.Platform.Seeding;
using HealthCore.Tests.Modules.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace HealthCore.Tests.Platform.Seeding;

/// <summary>The demo data: deterministic, idempotent, and filled in by the first Development start.</summary>
public sealed class DemoSeedTests
{
    private const string Password = "Demo-Seed-Operator-Passphrase-4";

    [Fact]
    public async Task Seeding_without_a_demo_tenant_fails_and_writes_nothing()
    {
        await WithInstanceAsync(DatabaseProvider.Sqlite, async instance =>
        {
            (await instance.Services.GetRequiredService<DemoSeed>().RunAsync(10, CancellationToken.None)).ShouldBeFalse();

            (await RowCountsAsync(instance)).Values.Sum().ShouldBe(0);
        });
    }

    [Theory]
    [InlineData(nameof(DatabaseProvider.Sqlite))]
    [InlineData(nameof(DatabaseProvider.Postgres))]
    public async Task Seeding_twice_adds_nothing_the_second_time(string provider)
    {
        await WithInstanceAsync(Enum.Parse<DatabaseProvider>(provider), async instance =>
        {
            await BootstrapTests.Bootstrapper(instance, Password).RunAsync(CancellationToken.None);
            var seed = instance.Services.GetRequiredService<DemoSeed>();

            (await seed.RunAsync(20, CancellationToken.None)).ShouldBeTrue();
            var first = await RowCountsAsync(instance);
            (await seed.RunAsync(20, CancellationToken.None)).ShouldBeTrue();

            (await RowCountsAsync(instance)).ShouldBe(first);
            first["Facility"].ShouldBe(2);
            first["Department"].ShouldBe(8);
            first["Practitioner"].ShouldBe(40);
            first["Patient"].ShouldBe(20);
            first["Schedule"].ShouldBe(18, "16 physicians' clinics, MRI and CT");
            first["ScheduleBlock"].ShouldBe(18);
            first["Appointment"].ShouldBeGreaterThan(100);
            first["WaitlistEntry"].ShouldBe(4);
            first["Shift"].ShouldBe(8 * 7 * 2);
            first["ShiftAssignment"].ShouldBeGreaterThan(0);
        });
    }

    [Theory]
    [InlineData(nameof(DatabaseProvider.Sqlite))]
    [InlineData(nameof(DatabaseProvider.Postgres))]
    public async Task Seeded_schedules_offer_free_slots_and_hold_past_and_upcoming_appointments_within_capacity(string provider)
    {
        await WithInstanceAsync(Enum.Parse<DatabaseProvider>(provider), async instance =>
        {
            await BootstrapTests.Bootstrapper(instance, Password).RunAsync(CancellationToken.None);
            (await instance.Services.GetRequiredService<DemoSeed>().RunAsync(20, CancellationToken.None)).ShouldBeTrue();
            var admin = await AdminAsync(instance);
            var now = DateTimeOffset.UtcNow;
            var window = $"from={Uri.EscapeDataString(now.ToString("O"))}&to={Uri.EscapeDataString(now.AddDays(14).ToString("O"))}";

            var schedules = await admin.GetFromJsonAsync<JsonElement>("/api/v1/schedules?limit=100");
            var practitionerId = schedules.GetProperty("items").EnumerateArray()
                .First(s => s.GetProperty("practitionerId").ValueKind == JsonValueKind.String).GetProperty("practitionerId").GetGuid();
            var slots = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/slots?practitionerId={practitionerId}&{window}");
            var appointments = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/appointments?practitionerId={practitionerId}&limit=200");
            var modalities = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/slots?modality=mri&{window}");
            var shifts = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/shifts?date={DateOnly.FromDateTime(now.UtcDateTime.AddDays(7)):yyyy-MM-dd}");

            slots.GetProperty("items").GetArrayLength().ShouldBeGreaterThan(0);
            slots.GetProperty("items").EnumerateArray().ShouldAllBe(s => s.GetProperty("available").GetInt32() == 1);
            modalities.GetProperty("items").GetArrayLength().ShouldBeGreaterThan(0);
            var statuses = appointments.GetProperty("items").EnumerateArray().Select(a => a.GetProperty("status").GetString()).ToHashSet();
            statuses.ShouldContain("completed");
            statuses.ShouldBeSubsetOf(["completed", "noShow", "cancelled", "booked", "confirmed"]);
            appointments.GetProperty("items").EnumerateArray().ShouldContain(a => a.GetProperty("startsAt").GetDateTimeOffset() > now);
            shifts.EnumerateArray().ShouldContain(s => s.GetProperty("underStaffed").GetBoolean());
            shifts.EnumerateArray().ShouldContain(s => !s.GetProperty("underStaffed").GetBoolean());
            await ShouldMatchSlotUsageAsync(instance);
        });
    }

    /// <summary>Every slot row counts exactly the appointments holding a place in it, and none exceeds its capacity.</summary>
    private static async Task ShouldMatchSlotUsageAsync(ServiceInstance instance)
    {
        await using var scope = instance.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SchedulingDb>();
        var usage = await db.SlotUsage.IgnoreQueryFilters().ToListAsync();
        var holding = await db.Appointments.IgnoreQueryFilters().Where(a => a.Status != AppointmentStatus.Cancelled).ToListAsync();

        usage.ShouldNotBeEmpty();
        usage.ShouldAllBe(u => u.Booked <= u.Capacity);
        usage.ToDictionary(u => (u.ResourceKey, u.StartsAt), u => u.Booked)
            .ShouldBe(holding.GroupBy(a => (a.ResourceKey, a.StartsAt)).ToDictionary(g => g.Key, g => g.Count()), ignoreOrder: true);
    }

    /// <summary>
    /// The demo hospital as its first user sees it: beds in use on the board, five weeks of census, and the event
    /// streams (which the census replays) agreeing with the beds: each occupied bed holds exactly one open admission.
    /// </summary>
    [Theory]
    [InlineData(nameof(DatabaseProvider.Sqlite))]
    [InlineData(nameof(DatabaseProvider.Postgres))]
    public async Task The_demo_hospital_has_occupied_beds_a_daily_census_and_one_open_admission_per_occupied_bed(string provider)
    {
        await WithInstanceAsync(Enum.Parse<DatabaseProvider>(provider), async instance =>
        {
            await BootstrapTests.Bootstrapper(instance, Password).RunAsync(CancellationToken.None);
            var seed = instance.Services.GetRequiredService<DemoSeed>();
            (await seed.RunAsync(DemoPatients, CancellationToken.None)).ShouldBeTrue();
            var client = await AdminAsync(instance);

            var board = await GetAsync(client, "/api/v1/bed-board");
            var counts = board.GetProperty("counts");
            counts.GetProperty("total").GetInt32().ShouldBe(AdmissionsDemoSeeder.Wards.Sum(w => w.Beds));
            // Around 75% in the day; lower in the evening, when the day's discharges have left and fewer patients arrive.
            counts.GetProperty("occupancyPercent").GetDouble().ShouldBeInRange(55, 95, board.ToString());
            (counts.GetProperty("cleaning").GetInt32() + counts.GetProperty("outOfService").GetInt32()).ShouldBeGreaterThan(0);
            board.GetProperty("wards").EnumerateArray().Select(w => w.GetProperty("facilityId").GetGuid()).Distinct().Count().ShouldBe(2);

            var today = DateOnly.FromDateTime(DateTime.UtcNow);
            var daily = await GetAsync(client, $"/api/v1/census/daily?from={today.AddDays(-28):yyyy-MM-dd}&to={today:yyyy-MM-dd}");
            var days = daily.GetProperty("days").EnumerateArray().ToList();
            days.ShouldAllBe(d => d.GetProperty("midnightCensus").GetInt32() > 0 && d.GetProperty("occupancyPercent").GetDouble() > 40);
            days.Sum(d => d.GetProperty("admissions").GetInt32()).ShouldBeGreaterThan(100);
            days.Sum(d => d.GetProperty("discharges").GetInt32()).ShouldBeGreaterThan(100);
            days.Sum(d => d.GetProperty("transfersIn").GetInt32()).ShouldBeGreaterThan(0);
            days.ShouldContain(d => d.GetProperty("averageLengthOfStayDays").ValueKind == JsonValueKind.Number);

            var census = await GetAsync(client, "/api/v1/census");
            census.GetProperty("occupied").GetInt32().ShouldBe(counts.GetProperty("occupied").GetInt32());
            census.GetProperty("pending").GetInt32().ShouldBeGreaterThan(0);
            await ShouldHoldOneOpenAdmissionPerOccupiedBedAsync(instance, census);
            await ShouldHoldClinicalRecordsAsync(instance);

            var before = await RowCountsAsync(instance);
            (await seed.RunAsync(DemoPatients, CancellationToken.None)).ShouldBeTrue();
            (await RowCountsAsync(instance)).ShouldBe(before);
        });
    }

    [Fact]
    public async Task The_first_Development_start_fills_the_new_demo_tenant()
    {
        await WithInstanceAsync(DatabaseProvider.Sqlite, async instance =>
        {
            await BootstrapTests.Bootstrapper(instance, Password, Environments.Development, seedDemo: true).RunAsync(CancellationToken.None);

            await using var scope = instance.Services.CreateAsyncScope();
            (await scope.ServiceProvider.GetRequiredService<IdentityDb>().Facilities.IgnoreQueryFilters().Select(f => f.Code).OrderBy(c => c).ToListAsync())
                .ShouldBe(["east", "main"]);
        });
    }

    [Fact]
    public void Demo_ids_are_stable_per_tenant_kind_and_index_and_are_version_8_uuids()
    {
        var tenant = Guid.CreateVersion7();
        var context = new DemoSeedContext(0) { TenantId = tenant };
        var again = new DemoSeedContext(0) { TenantId = tenant };

        context.IdFor("patient", 7).ShouldBe(again.IdFor("patient", 7));
        context.IdFor("patient", 7).ShouldNotBe(context.IdFor("patient", 8));
        context.IdFor("patient", 7).ShouldNotBe(context.IdFor("practitioner", 7));
        context.IdFor("patient", 7).ShouldNotBe(new DemoSeedContext(0) { TenantId = Guid.CreateVersion7() }.IdFor("patient", 7));
        context.IdFor("patient", 7).Version.ShouldBe(8);
    }

    /// <summary>Enough patients for the demo wards to stay full with few readmissions.</summary>
    private const int DemoPatients = 300;

    private static async Task<HttpClient> AdminAsync(ServiceInstance instance)
    {
        var login = await instance.CreateClient().PostAsJsonAsync(
            "/api/v1/auth/login", new { tenant = IdentityBootstrap.TenantCode, username = IdentityBootstrap.AdminUsername, password = Password });
        login.StatusCode.ShouldBe(HttpStatusCode.OK, await login.Content.ReadAsStringAsync());
        var client = instance.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", (await login.Content.ReadFromJsonAsync<TokenResponse>())!.AccessToken);
        return client;
    }

    private static async Task<JsonElement> GetAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, body);
        return JsonDocument.Parse(body).RootElement;
    }

    /// <summary>The beds, the open admissions and the census replayed from the event streams tell the same story.</summary>
    private static async Task ShouldHoldOneOpenAdmissionPerOccupiedBedAsync(ServiceInstance instance, JsonElement census)
    {
        var (scope, context) = instance.Context(typeof(AdmissionsDb));
        await using (scope)
        {
            var db = (AdmissionsDb)context;
            var occupied = await db.Beds.IgnoreQueryFilters().Where(b => b.Status == BedStatus.Occupied).ToListAsync();
            var open = await db.Admissions.IgnoreQueryFilters().Where(a => a.ClosedAt == null && a.BedId != null).ToListAsync();
            occupied.ShouldNotBeEmpty();
            foreach (var bed in occupied)
            {
                var holders = open.Where(a => a.BedId == bed.Id).ToList();
                holders.Count.ShouldBe(1, $"bed {bed.Number}");
                bed.AdmissionId.ShouldBe(holders[0].Id);
                holders[0].Status.ShouldBe(AdmissionStatus.Active);
            }

            open.Count.ShouldBe(occupied.Count);
            var replayed = census.GetProperty("patients").EnumerateArray()
                .Where(p => p.GetProperty("bedId").ValueKind != JsonValueKind.Null)
                .Select(p => (p.GetProperty("bedId").GetGuid(), p.GetProperty("admissionId").GetGuid()))
                .ToList();
            replayed.ShouldBe(occupied.Select(b => (b.Id, b.AdmissionId!.Value)), ignoreOrder: true);
        }
    }

    /// <summary>The demo encounters carry vitals (some scoring NEWS2 medium or high), coded diagnoses and notes, some signed.</summary>
    private static async Task ShouldHoldClinicalRecordsAsync(ServiceInstance instance)
    {
        var (scope, context) = instance.Context(typeof(ClinicalDb));
        await using (scope)
        {
            var db = (ClinicalDb)context;
            var begun = await db.Encounters.IgnoreQueryFilters().Where(e => e.PeriodStart != null).Select(e => e.Id).ToListAsync();
            begun.ShouldNotBeEmpty();
            var risks = await db.VitalsObservations.IgnoreQueryFilters().Select(v => v.News2Risk).ToListAsync();
            risks.ShouldContain(News2Risk.Medium);
            risks.ShouldContain(News2Risk.High);
            risks.Count(r => r == News2Risk.Low).ShouldBeGreaterThan(risks.Count / 2, "most patients are not deteriorating");
            (await db.VitalsObservations.IgnoreQueryFilters().Select(v => v.EncounterId).Distinct().CountAsync()).ShouldBe(begun.Count);
            var primaries = await db.Diagnoses.IgnoreQueryFilters().Where(d => d.Rank == DiagnosisRank.Primary).Select(d => d.EncounterId).ToListAsync();
            primaries.ShouldBe(begun, ignoreOrder: true);
            var catalog = instance.Services.GetRequiredService<Icd10Catalog>();
            (await db.Diagnoses.IgnoreQueryFilters().Select(d => d.Code).Distinct().ToListAsync()).ShouldAllBe(code => catalog.Find(code) != null);
            var versions = await db.Notes.IgnoreQueryFilters().SelectMany(n => n.Versions).Select(v => v.SignedAt).ToListAsync();
            versions.ShouldContain(signedAt => signedAt != null);
            versions.ShouldContain(signedAt => signedAt == null);
        }
    }

    private static async Task WithInstanceAsync(DatabaseProvider provider, Func<ServiceInstance, Task> test)
    {
        await using var database = await ThrowawayDatabase.CreateAsync(provider, "demo-seed");
        using var instance = new ServiceInstance(provider, database.ConnectionString);
        await instance.Services.MigrateDatabasesAsync();
        await test(instance);
    }

    /// <summary>Rows per entity type across every module (the audit trail and outboxes grow with any write, so they are left out).</summary>
    private static async Task<Dictionary<string, int>> RowCountsAsync(ServiceInstance instance)
    {
        var counts = new Dictionary<string, int>();
        foreach (var contextType in RegisteredModules.ContextTypes)
        {
            var (scope, db) = instance.Context(contextType);
            await using (scope)
            {
                foreach (var entity in db.Model.GetEntityTypes().Where(e => e.GetTableName() is { } table && !table.Contains("outbox", StringComparison.Ordinal) && !table.StartsWith("audit", StringComparison.Ordinal)))
                {
                    var table = entity.GetSchema() is { } schema && db.Database.IsNpgsql() ? $"\"{schema}\".\"{entity.GetTableName()}\"" : $"\"{entity.GetTableName()}\"";
                    var sql = "SELECT COUNT(*) AS \"Value\" FROM " + table; // names from the model, not from input
                    counts[entity.ClrType.Name] = await db.Database.SqlQueryRaw<int>(sql).SingleAsync();
                }
            }
        }

        return counts;
    }
}
