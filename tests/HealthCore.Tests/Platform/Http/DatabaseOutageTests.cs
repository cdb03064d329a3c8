using System.Net.Sockets;

namespace HealthCore.Tests.Platform.Http;

/// <summary>A real outage (nothing listening, a database file that cannot be opened), not a mocked exception.</summary>
public abstract class DatabaseOutageTests(HealthCoreApp app)
{
    protected abstract string UnavailableConnectionString();

    [Theory]
    [InlineData("GET", "/api/v1/beds")]
    [InlineData("POST", "/api/v1/facilities")]
    public async Task During_a_database_outage_the_api_answers_503_with_Retry_After(string method, string path)
    {
        using var down = app.WithSettings(("Database:ConnectionString", UnavailableConnectionString()), ("Database:MigrateOnStartup", "false"));
        var client = HealthCoreApp.Authorize(down.CreateClient());
        var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method == "POST")
        {
            request.Content = JsonContent.Create(new { code = "north", name = "North Site" });
        }

        var response = await client.SendAsync(request);

        var problem = await ProblemAssertions.ShouldBeProblemAsync(response, HttpStatusCode.ServiceUnavailable);
        problem.GetProperty("title").GetString()!.ShouldContain("database");
        response.Headers.RetryAfter.ShouldNotBeNull();
        response.Headers.RetryAfter!.Delta!.Value.TotalSeconds.ShouldBeGreaterThan(0);
    }
}

[Collection(PostgresCollection.Name)]
public sealed class DatabaseOutageTests_on_Postgres(PostgresApp app) : DatabaseOutageTests(app)
{
    /// <summary>A port that was just free: connections are refused, as when the server is down.</summary>
    protected override string UnavailableConnectionString()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return $"Host=127.0.0.1;Port={port};Username=postgres;Database=down;Timeout=2;Pooling=false";
    }
}

[Collection(SqliteCollection.Name)]
public sealed class DatabaseOutageTests_on_Sqlite(SqliteApp app) : DatabaseOutageTests(app)
{
    /// <summary>A path SQLite cannot open as a database (it is a directory), as when the volume is gone.</summary>
    protected override string UnavailableConnectionString() =>
        $"Data Source={Directory.CreateTempSubdirectory("healthcore-down-").FullName};Mode=ReadWrite";
}
