using System.Diagnostics;
using System.Net.Sockets;
using System.Text.Json;
using HealthCore.Platform.Database;
using Npgsql;

namespace HealthCore.Tests.Platform.Observability;

public abstract class HealthEndpointTests(HealthCoreApp app)
{
    [Fact]
    public async Task Live_answers_200_json_without_consulting_the_database()
    {
        var response = await app.CreateClient().GetAsync("/health/live");

        var body = await HealthBodyAsync(response, HttpStatusCode.OK);
        body.GetProperty("status").GetString().ShouldBe("Healthy");
        body.GetProperty("checks").EnumerateObject().ShouldBeEmpty();
    }

    [Fact]
    public async Task Ready_answers_200_json_once_the_database_is_reachable_and_migrated()
    {
        var response = await app.CreateClient().GetAsync("/health/ready");

        var body = await HealthBodyAsync(response, HttpStatusCode.OK);
        body.GetProperty("status").GetString().ShouldBe("Healthy");
        var database = body.GetProperty("checks").GetProperty("database");
        database.GetProperty("status").GetString().ShouldBe("Healthy");
        database.GetProperty("description").GetString().ShouldBe("Database reachable; migrations applied.");
    }

    [Fact]
    public async Task Ready_answers_503_while_migrations_are_pending_and_200_once_applied()
    {
        await using var unmigrated = await OwnDatabaseApp.StartAsync(app.Provider, ("Database:MigrateOnStartup", "false"));
        var client = unmigrated.CreateClient();

        var pending = await HealthBodyAsync(await client.GetAsync("/health/ready"), HttpStatusCode.ServiceUnavailable);
        pending.GetProperty("status").GetString().ShouldBe("Unhealthy");
        pending.GetProperty("checks").GetProperty("database").GetProperty("description").GetString().ShouldEndWith("migration(s) pending.");

        await unmigrated.Services.MigrateDatabasesAsync();

        await HealthBodyAsync(await client.GetAsync("/health/ready"), HttpStatusCode.OK);
    }

    [Fact]
    public async Task Probes_and_scrapes_are_exempt_from_rate_limiting()
    {
        using var limited = app.WithSettings(("Http:RateLimit:PermitLimit", "2"), ("Http:RateLimit:WindowSeconds", "60"));
        var client = limited.CreateClient();

        foreach (var path in Enumerable.Repeat(new[] { "/health/live", "/health/ready", "/metrics" }, 3).SelectMany(p => p))
        {
            (await client.GetAsync(path)).StatusCode.ShouldBe(HttpStatusCode.OK, path);
        }

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            statuses.Add((await client.GetAsync("/not-a-probe")).StatusCode);
        }

        statuses.ShouldContain(HttpStatusCode.TooManyRequests, "the same caller is limited elsewhere");
    }

    internal static async Task<JsonElement> HealthBodyAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(status, text);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/json");
        return JsonDocument.Parse(text).RootElement;
    }
}

[Collection(PostgresCollection.Name)]
public sealed class HealthEndpointTests_on_Postgres(PostgresApp app) : HealthEndpointTests(app)
{
    [Fact]
    public async Task Ready_answers_503_while_the_database_refuses_connections_and_recovers_without_a_restart()
    {
        await using var own = await OwnDatabaseApp.StartAsync(DatabaseProvider.Postgres);
        var client = own.CreateClient();
        await HealthBodyAsync(await client.GetAsync("/health/ready"), HttpStatusCode.OK);
        var database = new NpgsqlConnectionStringBuilder(own.ConnectionString).Database!;

        try
        {
            await AdminAsync($"ALTER DATABASE \"{database}\" ALLOW_CONNECTIONS false");
            await AdminAsync($"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{database}'");
            using (var pooled = new NpgsqlConnection(own.ConnectionString))
            {
                NpgsqlConnection.ClearPool(pooled);
            }

            var down = await HealthBodyAsync(await EventuallyAsync(client, HttpStatusCode.ServiceUnavailable), HttpStatusCode.ServiceUnavailable);
            down.GetProperty("status").GetString().ShouldBe("Unhealthy");
            down.GetProperty("checks").GetProperty("database").GetProperty("description").GetString().ShouldBe("Database unreachable.");
            (await client.GetAsync("/health/live")).StatusCode.ShouldBe(HttpStatusCode.OK, "the process itself is fine");
        }
        finally
        {
            await AdminAsync($"ALTER DATABASE \"{database}\" ALLOW_CONNECTIONS true");
        }

        await HealthBodyAsync(await EventuallyAsync(client, HttpStatusCode.OK), HttpStatusCode.OK);
    }

    [Fact]
    public async Task Ready_answers_503_within_its_timeout_when_the_database_host_goes_silent()
    {
        // Accepts connections and never answers, like a host behind a dropped network path.
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var port = ((IPEndPoint)silent.LocalEndpoint).Port;
        var connectionString = $"Host=127.0.0.1;Port={port};Username=postgres;Database=silent;Timeout=60;Pooling=false";
        using var unreachable = app.WithSettings(
            ("Database:ConnectionString", connectionString), ("Database:MigrateOnStartup", "false"), ("Health:ReadyTimeoutSeconds", "1"));
        var client = unreachable.CreateClient();

        var elapsed = Stopwatch.StartNew();
        var response = await client.GetAsync("/health/ready");

        var body = await HealthBodyAsync(response, HttpStatusCode.ServiceUnavailable);
        body.GetProperty("checks").GetProperty("database").GetProperty("description").GetString().ShouldBe("Database did not answer in time.");
        elapsed.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(30), "the 1 s check timeout, not the driver's 60 s, decides");
    }

    private static async Task<HttpResponseMessage> EventuallyAsync(HttpClient client, HttpStatusCode expected)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var response = await client.GetAsync("/health/ready");
            if (response.StatusCode == expected || deadline.Elapsed > TimeSpan.FromSeconds(30))
            {
                return response;
            }

            await Task.Delay(100);
        }
    }

    private static async Task AdminAsync(string sql)
    {
        await using var admin = new NpgsqlConnection(TestDatabases.PostgresServer);
        await admin.OpenAsync();
        await using var command = admin.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}

[Collection(SqliteCollection.Name)]
public sealed class HealthEndpointTests_on_Sqlite(SqliteApp app) : HealthEndpointTests(app);
