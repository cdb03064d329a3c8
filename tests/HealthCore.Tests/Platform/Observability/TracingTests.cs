using System.Diagnostics;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;

namespace HealthCore.Tests.Platform.Observability;

public abstract class TracingTests(HealthCoreApp app)
{
    [Fact]
    public void Tracing_is_off_unless_an_OTLP_endpoint_is_configured() =>
        app.Services.GetService<TracerProvider>().ShouldBeNull();

    [Fact]
    public async Task With_an_OTLP_endpoint_request_spans_reach_the_collector_described_by_route_template()
    {
        using var collector = new OtlpReceiver();
        using var traced = app.WithSettings(
            ("Tracing:OtlpEndpoint", collector.TracesEndpoint.ToString()), ("Tracing:OtlpProtocol", "HttpProtobuf"));
        var traceId = ActivityTraceId.CreateRandom();
        var noteId = Guid.CreateVersion7();
        var client = HealthCoreApp.Authorize(traced.CreateClient());
        client.DefaultRequestHeaders.Add("traceparent", $"00-{traceId.ToHexString()}-{ActivitySpanId.CreateRandom().ToHexString()}-01");

        (await client.GetAsync($"/api/v1/probe-notes/{noteId}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        // Resolved only now: the span above is exported only if the host built the provider when it started.
        var provider = traced.Services.GetService<TracerProvider>();
        provider.ShouldNotBeNull();
        var export = await ExportContainingAsync(provider, collector, TraceIdBytes(traceId));
        export.Path.ShouldBe("/v1/traces");
        export.ContentType.ShouldBe("application/x-protobuf");
        var text = Encoding.UTF8.GetString(export.Body);
        text.ShouldContain("healthcore", Case.Sensitive, "service.name");
        text.ShouldContain("Microsoft.AspNetCore");
        text.ShouldContain("GET /api/v1/probe-notes/{id:guid}", Case.Sensitive, "the span is named by method and route template");
        text.ShouldContain("http.response.status_code");
        text.ShouldNotContain(noteId.ToString(), Case.Insensitive, "raw paths stay out of spans");
    }

    private static byte[] TraceIdBytes(ActivityTraceId traceId) => Convert.FromHexString(traceId.ToHexString());

    private static async Task<OtlpRequest> ExportContainingAsync(TracerProvider provider, OtlpReceiver collector, byte[] traceId)
    {
        // The server ends the request span just after the response reaches the client; flush until it arrives.
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            provider.ForceFlush(5000);
            var export = collector.Requests.FirstOrDefault(r => r.Body.AsSpan().IndexOf(traceId) >= 0);
            if (export is not null)
            {
                return export;
            }

            deadline.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(15), $"no export carried the trace; {collector.Requests.Count} export(s) received");
            await Task.Delay(100);
        }
    }
}

[Collection(PostgresCollection.Name)]
public sealed class TracingTests_on_Postgres(PostgresApp app) : TracingTests(app);

[Collection(SqliteCollection.Name)]
public sealed class TracingTests_on_Sqlite(SqliteApp app) : TracingTests(app);
