
namespace HealthCore.Tests.Modules.Patients;

/// <summary>What one registration costs the database: each round trip is latency every registration pays.</summary>
public abstract class RegistrationRoundTripTests(PatientsApp app)
{
    /// <remarks>
    /// Before issue 12 a registration on PostgreSQL took 8 commands, 1 commit and a savepoint besides the audit trail's
    /// own statements (identifier keys, two duplicate queries, settings, MRN counter, two vocabulary inserts, the batch).
    /// SQLite sends each statement of a save as a command of its own (in process, no network), so there only the reads
    /// before the save are bounded.
    /// </remarks>
    [Fact]
    public async Task A_registration_takes_one_read_one_batch_and_one_commit_besides_the_audit_trail()
    {
        var client = app.Client(Guid.CreateVersion7());
        await PatientsApp.RegisterAsync(client, PatientData.New("Warmup", "Wanda").WithPhone("+14155550100")); // the tenant's settings and MRN block

        var body = PatientData.New("Okafor", "Ada").WithPhone("+14155550123").WithSsn("123-45-6789");
        var (response, trips) = await RoundTrips.CountAsync(client, new HttpRequestMessage(HttpMethod.Post, "/api/v1/patients") { Content = JsonContent.Create(body) });

        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        trips.Reads.Count.ShouldBe(1, trips.ToString()); // the duplicate check; settings and the MRN come from memory
        trips.Commits.ShouldBe(1, trips.ToString());
        trips.Savepoints.ShouldBe(0, trips.ToString());
        trips.ConnectionsOpened.ShouldBe(1, trips.ToString());
        if (app.IsPostgres)
        {
            trips.Commands.Count.ShouldBe(2, trips.ToString());
        }
    }

    [Fact]
    public async Task MRNs_stay_unique_and_increasing_across_many_registrations_of_one_tenant()
    {
        var client = app.Client(Guid.CreateVersion7());

        var mrns = new List<string>();
        for (var i = 0; i < 60; i++)
        {
            var patient = await PatientsApp.RegisterAsync(client, PatientData.New($"Family{Letters(i)}", "Given", $"19{10 + i}-01-01"));
            mrns.Add(patient["mrn"]!.GetValue<string>());
        }

        mrns.ShouldBeUnique();
        mrns.ShouldBe([.. mrns.Order(StringComparer.Ordinal)]);
        mrns[0].ShouldBe("MRN-000001");
        mrns[^1].ShouldBe("MRN-000060");
    }

    [Fact]
    public async Task Parallel_registrations_of_one_tenant_get_distinct_MRNs()
    {
        var client = app.Client(Guid.CreateVersion7());

        var patients = await Task.WhenAll(Enumerable.Range(0, 20).Select(i =>
            PatientsApp.RegisterAsync(client, PatientData.New($"Para{Letters(i)}", "Lel", $"19{20 + i}-02-02"))));

        patients.Select(p => p["mrn"]!.GetValue<string>()).ShouldBeUnique();
    }

    private static string Letters(int i) => new([(char)('a' + (i / 26 % 26)), (char)('a' + (i % 26))]);
}

[Collection(PatientsPostgresCollection.Name)]
public sealed class RegistrationRoundTripTests_on_Postgres(PatientsPostgresApp app) : RegistrationRoundTripTests(app);

[Collection(PatientsSqliteCollection.Name)]
public sealed class RegistrationRoundTripTests_on_Sqlite(PatientsSqliteApp app) : RegistrationRoundTripTests(app);
