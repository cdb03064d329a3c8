using System.Text.Json;
using Microsoft.AspNetCore.Mvc.ApiExplorer;
using Microsoft.Extensions.DependencyInjection;

namespace HealthCore.Tests.Platform.Observability;

public abstract class MetricsEndpointTests(HealthCoreApp app)
{
    private const string RequestFamily = "healthcore_http_request_duration_seconds";
    private const string DbFamily = "healthcore_db_command_duration_seconds";
    private const string NoteRoute = "/api/v1/probe-notes/{id:guid}";

    [Fact]
    public async Task Metrics_are_served_in_the_Prometheus_text_format()
    {
        var response = await app.CreateClient().GetAsync("/metrics");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.ToString().ShouldBe("text/plain; version=0.0.4; charset=utf-8");
        var families = PrometheusExposition.Parse(await response.Content.ReadAsStringAsync());
        families.Values.ShouldAllBe(f => !string.IsNullOrWhiteSpace(f.Help));
    }

    [Fact]
    public async Task Request_durations_are_labelled_by_route_template_method_and_status_class()
    {
        var client = app.ClientFor();
        var created = await client.PostAsJsonAsync("/api/v1/probe-notes", new { title = "metrics" });
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        var before = await ScrapeAsync();
        await client.GetAsync($"/api/v1/probe-notes/{id}");
        await client.GetAsync($"/api/v1/probe-notes/{id}");
        await client.GetAsync($"/api/v1/probe-notes/{Guid.CreateVersion7()}");

        var after = await ScrapeAsync();

        after[RequestFamily].Type.ShouldBe("histogram");
        Count(after, "GET", "2xx").ShouldBe(Count(before, "GET", "2xx") + 2);
        Count(after, "GET", "4xx").ShouldBe(Count(before, "GET", "4xx") + 1);
        after.Single(RequestFamily, RequestFamily + "_bucket", ("route", NoteRoute), ("method", "GET"), ("status_class", "2xx"), ("le", "+Inf"))
            .Value.ShouldBe(Count(after, "GET", "2xx"));
        after[RequestFamily].Samples.ShouldNotContain(s => s.Labels["route"].Contains(id), "raw ids never become labels");
    }

    [Fact]
    public async Task Non_standard_methods_share_one_label_so_callers_cannot_grow_the_series()
    {
        using var brew = new HttpRequestMessage(new HttpMethod("BREW"), "/api/v1/probe-notes");
        await app.ClientFor().SendAsync(brew);

        var samples = (await ScrapeAsync())[RequestFamily].Samples;

        samples.ShouldContain(s => s.Labels["method"] == "_OTHER");
        samples.ShouldNotContain(s => s.Labels["method"] == "BREW");
    }

    [Fact]
    public async Task In_flight_requests_database_commands_outbox_backlog_and_runtime_are_exported()
    {
        await app.ClientFor().PostAsJsonAsync("/api/v1/probe-notes", new { title = "metrics" });

        var families = await ScrapeAsync();

        families["healthcore_http_requests_in_flight"].Type.ShouldBe("gauge");
        families.Single("healthcore_http_requests_in_flight", "healthcore_http_requests_in_flight").Value
            .ShouldBeGreaterThanOrEqualTo(1, "the scrape itself is in flight");
        families[DbFamily].Type.ShouldBe("histogram");
        families.Single(DbFamily, DbFamily + "_count").Value.ShouldBeGreaterThan(0);
        families["healthcore_outbox_backlog"].Type.ShouldBe("gauge");
        families.Single("dotnet_gc_collections_total", "dotnet_gc_collections_total", ("gc_heap_generation", "gen0"));
        families["dotnet_gc_last_collection_heap_size_bytes"].Type.ShouldBe("gauge");
        families["dotnet_thread_pool_thread_count"].Samples.ShouldHaveSingleItem().Value.ShouldBeGreaterThan(0);
        families["dotnet_thread_pool_queue_length"].Type.ShouldBe("gauge");
        families["dotnet_process_memory_working_set_bytes"].Samples.ShouldHaveSingleItem().Value.ShouldBeGreaterThan(0);
    }

    [Fact]
    public void The_metrics_endpoint_is_left_out_of_the_API_description()
    {
        // The OpenAPI document is built from these descriptions.
        var paths = app.Services.GetRequiredService<IApiDescriptionGroupCollectionProvider>().ApiDescriptionGroups.Items
            .SelectMany(g => g.Items).Select(d => d.RelativePath).ToList();

        paths.ShouldContain("api/v1/probe-notes/{id:guid}");
        paths.ShouldNotContain("metrics");
    }

    private async Task<IReadOnlyDictionary<string, PrometheusFamily>> ScrapeAsync() =>
        PrometheusExposition.Parse(await app.CreateClient().GetStringAsync("/metrics"));

    private static double Count(IReadOnlyDictionary<string, PrometheusFamily> families, string method, string statusClass) =>
        families.TryGetValue(RequestFamily, out var family)
            ? family.Samples.SingleOrDefault(s => s.Name == RequestFamily + "_count" && s.Labels["route"] == NoteRoute
                && s.Labels["method"] == method && s.Labels["status_class"] == statusClass)?.Value ?? 0
            : 0;
}

[Collection(PostgresCollection.Name)]
public sealed class MetricsEndpointTests_on_Postgres(PostgresApp app) : MetricsEndpointTests(app);

[Collection(SqliteCollection.Name)]
public sealed class MetricsEndpointTests_on_Sqlite(SqliteApp app) : MetricsEndpointTests(app);
