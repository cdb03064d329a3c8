using System.Text;
using System.Text.Json;
using HealthCore.Platform.Observability;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace HealthCore.Tests.Platform.Observability;

public abstract class RequestLoggingTests(HealthCoreApp app)
{
    private static readonly string RequestCategory = typeof(RequestTelemetry).FullName!;

    [Fact]
    public async Task A_request_logs_one_line_with_method_route_template_status_duration_correlation_tenant_and_user()
    {
        var capture = new CapturingLoggerProvider();
        using var logged = WithCapturedLogs(capture);
        var (tenant, user) = (Guid.CreateVersion7(), Guid.CreateVersion7());
        var client = HealthCoreApp.Authorize(logged.CreateClient(), tenant, user);
        var id = await CreateNoteAsync(client, "logged");
        var correlationId = $"abc-{Guid.NewGuid():N}";

        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/probe-notes/{id}");
        request.Headers.Add("X-Correlation-Id", correlationId);
        (await client.SendAsync(request)).StatusCode.ShouldBe(HttpStatusCode.OK);

        var line = capture.Entries
            .Where(e => e.Category == RequestCategory && (string?)e.ScopeValue("CorrelationId") == correlationId)
            .ShouldHaveSingleItem();
        line.Level.ShouldBe(LogLevel.Information);
        line.StateValue("Method").ShouldBe("GET");
        line.StateValue("Route").ShouldBe("/api/v1/probe-notes/{id:guid}");
        line.StateValue("StatusCode").ShouldBe(200);
        ((double)line.StateValue("ElapsedMs")!).ShouldBeGreaterThan(0);
        line.StateValue("TenantId").ShouldBe(tenant.ToString());
        line.StateValue("UserId").ShouldBe(user.ToString());
        line.Message.ShouldContain("/api/v1/probe-notes/{id:guid}");
        line.Message.ShouldNotContain(id);
    }

    [Fact]
    public async Task An_anonymous_request_is_logged_without_tenant_or_user()
    {
        var capture = new CapturingLoggerProvider();
        using var logged = WithCapturedLogs(capture);
        var client = logged.CreateClient();
        client.DefaultRequestHeaders.Add("X-Correlation-Id", "abc");

        (await client.GetAsync("/api/v1/probe-notes")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        var line = capture.Entries.Where(e => e.Category == RequestCategory && (string?)e.ScopeValue("CorrelationId") == "abc")
            .ShouldHaveSingleItem();
        line.StateValue("Route").ShouldBe("/api/v1/probe-notes/");
        line.StateValue("StatusCode").ShouldBe(401);
        line.StateValue("TenantId").ShouldBeNull();
        line.StateValue("UserId").ShouldBeNull();
    }

    [Fact]
    public async Task Bodies_query_strings_and_raw_ids_never_reach_the_logs()
    {
        var capture = new CapturingLoggerProvider();
        using var logged = WithCapturedLogs(capture);
        var client = HealthCoreApp.Authorize(logged.CreateClient());
        var secret = $"Jane Doe, MRN {Guid.NewGuid():N}";

        var id = await CreateNoteAsync(client, secret);
        await client.PatchAsJsonAsync($"/api/v1/probe-notes/{id}", new { title = secret + " (renamed)" });
        await client.PostAsync("/api/v1/probe-notes", new StringContent(
            $$"""{ "title": "{{secret}}", "dueAt": "{{secret}}" }""", Encoding.UTF8, "application/json"));
        await client.PostAsJsonAsync("/api/v1/probe-notes", new { title = secret + new string('x', 300) });
        await client.GetAsync($"/api/v1/probe-notes/due-before?instant={Uri.EscapeDataString(secret)}");
        await client.GetAsync($"/api/v1/probe-notes/{id}?search={Uri.EscapeDataString(secret)}");

        var entries = capture.Entries;
        entries.Count(e => e.Category == RequestCategory).ShouldBe(6, "every request was logged");
        entries.ShouldContain(e => e.Category.StartsWith("Microsoft.EntityFrameworkCore", StringComparison.Ordinal), "database commands were logged");
        foreach (var entry in entries)
        {
            var text = entry.AllText();
            text.ShouldNotContain(secret, Case.Insensitive, $"{entry.Category}: {entry.Message}");
            text.ShouldNotContain("MRN", Case.Sensitive, $"{entry.Category}: {entry.Message}");
            text.ShouldNotContain(id, Case.Insensitive, $"{entry.Category}: {entry.Message}");
        }
    }

    private WebApplicationFactory<Program> WithCapturedLogs(CapturingLoggerProvider capture) =>
        app.WithWebHostBuilder(host =>
        {
            // Everything a production instance writes at its default level, database commands included.
            host.UseSetting("Logging:LogLevel:Default", "Information");
            host.UseSetting("Logging:LogLevel:Microsoft.EntityFrameworkCore", "Information");
            host.UseSetting("Logging:LogLevel:Microsoft.EntityFrameworkCore.Database.Command", "Information");
            host.ConfigureServices(services => services.AddLogging(logging => logging.AddProvider(capture)));
        });

    private static async Task<string> CreateNoteAsync(HttpClient client, string title)
    {
        var response = await client.PostAsJsonAsync("/api/v1/probe-notes", new { title });
        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }
}

[Collection(PostgresCollection.Name)]
public sealed class RequestLoggingTests_on_Postgres(PostgresApp app) : RequestLoggingTests(app);

[Collection(SqliteCollection.Name)]
public sealed class RequestLoggingTests_on_Sqlite(SqliteApp app) : RequestLoggingTests(app);
