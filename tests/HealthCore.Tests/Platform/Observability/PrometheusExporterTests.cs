using HealthCore.Platform.Observability;

namespace HealthCore.Tests.Platform.Observability;

public sealed class PrometheusExporterTests : IDisposable
{
    private const string RequestFamily = "healthcore_http_request_duration_seconds";
    private readonly OutboxBacklog backlog = new();
    private readonly HealthCoreMetrics metrics;
    private readonly PrometheusExporter exporter;

    public PrometheusExporterTests()
    {
        metrics = new HealthCoreMetrics(backlog, new AuditSealingLag());
        exporter = new PrometheusExporter(metrics);
    }

    public void Dispose()
    {
        exporter.Dispose();
        metrics.Dispose();
    }

    [Theory]
    [InlineData("healthcore.http.request.duration", "s", "Histogram", "healthcore_http_request_duration_seconds")]
    [InlineData("healthcore.http.requests.in_flight", null, "Gauge", "healthcore_http_requests_in_flight")]
    [InlineData("dotnet.gc.collections", "{collection}", "Counter", "dotnet_gc_collections_total")]
    [InlineData("dotnet.process.memory.working_set", "By", "Gauge", "dotnet_process_memory_working_set_bytes")]
    [InlineData("dotnet.process.cpu.time", "s", "Counter", "dotnet_process_cpu_time_seconds_total")]
    [InlineData("queue.wait_seconds", "s", "Histogram", "queue_wait_seconds")]
    [InlineData("jobs.done_total", null, "Counter", "jobs_done_total")]
    [InlineData("cache-hit..ratio", "1", "Gauge", "cache_hit_ratio")]
    [InlineData("9lives", "ms", "Gauge", "_9lives_milliseconds")]
    public void OpenTelemetry_names_become_Prometheus_names(string name, string? unit, string type, string expected) =>
        PrometheusText.MetricName(name, unit, Enum.Parse<PrometheusType>(type)).ShouldBe(expected);

    [Fact]
    public void Label_values_escape_backslash_quote_and_newline()
    {
        PrometheusText.EscapeLabelValue("a\\b\"c\nd").ShouldBe("a\\\\b\\\"c\\nd");
        PrometheusText.EscapeHelp("one\\two\nthree \"quoted\"").ShouldBe("one\\\\two\\nthree \"quoted\"");
    }

    [Theory]
    [InlineData(double.PositiveInfinity, "+Inf")]
    [InlineData(double.NegativeInfinity, "-Inf")]
    [InlineData(double.NaN, "NaN")]
    [InlineData(0.1, "0.1")]
    [InlineData(123456789.0, "123456789")]
    [InlineData(-2.5, "-2.5")]
    [InlineData(1e-7, "1E-07")]
    public void Values_are_written_as_Prometheus_reads_them(double value, string expected) =>
        PrometheusText.FormatValue(value).ShouldBe(expected);

    [Fact]
    public void A_histogram_renders_cumulative_buckets_with_sum_and_count()
    {
        foreach (var seconds in new[] { 0.003, 0.005, 0.2, 0.2, 3, 42 })
        {
            metrics.RequestDuration.Record(seconds, new("route", "/r"), new("method", "GET"), new("status_class", "2xx"));
        }

        var families = PrometheusExposition.Parse(exporter.Render());

        families[RequestFamily].Type.ShouldBe("histogram");
        var buckets = families[RequestFamily].Samples.Where(s => s.Name == RequestFamily + "_bucket")
            .ToDictionary(s => s.Labels["le"], s => s.Value);
        buckets.Keys.ShouldBe(["0.005", "0.01", "0.025", "0.05", "0.1", "0.25", "0.5", "1", "2.5", "5", "10", "+Inf"]);
        buckets["0.005"].ShouldBe(2, "le is inclusive");
        buckets["0.1"].ShouldBe(2);
        buckets["0.25"].ShouldBe(4);
        buckets["2.5"].ShouldBe(4);
        buckets["5"].ShouldBe(5);
        buckets["10"].ShouldBe(5);
        buckets["+Inf"].ShouldBe(6);
        families.Single(RequestFamily, RequestFamily + "_count", ("route", "/r")).Value.ShouldBe(6);
        families.Single(RequestFamily, RequestFamily + "_sum", ("route", "/r")).Value.ShouldBe(45.408, tolerance: 1e-9);
    }

    [Fact]
    public void Each_label_set_is_its_own_series_under_one_TYPE_line()
    {
        metrics.RequestDuration.Record(0.01, new("route", "/a"), new("method", "GET"), new("status_class", "2xx"));
        metrics.RequestDuration.Record(0.01, new("route", "/a"), new("method", "GET"), new("status_class", "5xx"));
        metrics.RequestDuration.Record(0.01, new("status_class", "2xx"), new("method", "GET"), new("route", "/a"));

        var text = exporter.Render();
        var families = PrometheusExposition.Parse(text);

        text.Split('\n').Count(l => l == $"# TYPE {RequestFamily} histogram").ShouldBe(1);
        families.Single(RequestFamily, RequestFamily + "_count", ("status_class", "2xx")).Value.ShouldBe(2, "tag order does not split a series");
        families.Single(RequestFamily, RequestFamily + "_count", ("status_class", "5xx")).Value.ShouldBe(1);
    }

    [Fact]
    public void Tag_values_with_quotes_backslashes_and_newlines_round_trip()
    {
        const string route = "/odd\\path/\"quoted\"/line\nbreak";
        metrics.RequestDuration.Record(0.01, new("route", route), new("method", "GET"), new("status_class", "2xx"));

        var text = exporter.Render();

        text.ShouldContain("route=\"/odd\\\\path/\\\"quoted\\\"/line\\nbreak\"");
        PrometheusExposition.Parse(text).Single(RequestFamily, RequestFamily + "_count", ("route", route)).Value.ShouldBe(1);
    }

    [Fact]
    public void Up_down_counters_sum_and_observable_gauges_report_their_current_value()
    {
        metrics.RequestsInFlight.Add(1);
        metrics.RequestsInFlight.Add(1);
        metrics.RequestsInFlight.Add(-1);
        backlog.Current = 42;

        var first = PrometheusExposition.Parse(exporter.Render());
        backlog.Current = 7;
        var second = PrometheusExposition.Parse(exporter.Render());

        first["healthcore_http_requests_in_flight"].Type.ShouldBe("gauge");
        first.Single("healthcore_http_requests_in_flight", "healthcore_http_requests_in_flight").Value.ShouldBe(1);
        first["healthcore_outbox_backlog"].Type.ShouldBe("gauge");
        first.Single("healthcore_outbox_backlog", "healthcore_outbox_backlog").Value.ShouldBe(42);
        second.Single("healthcore_outbox_backlog", "healthcore_outbox_backlog").Value.ShouldBe(7);
    }

    [Fact]
    public void Runtime_metrics_cover_the_garbage_collector_and_the_thread_pool()
    {
        GC.Collect(0);

        var families = PrometheusExposition.Parse(exporter.Render());

        families["dotnet_gc_collections_total"].Type.ShouldBe("counter");
        families.Single("dotnet_gc_collections_total", "dotnet_gc_collections_total", ("gc_heap_generation", "gen0")).Value.ShouldBeGreaterThan(0);
        families["dotnet_gc_last_collection_heap_size_bytes"].Samples.ShouldNotBeEmpty();
        families["dotnet_process_memory_working_set_bytes"].Samples.ShouldHaveSingleItem().Value.ShouldBeGreaterThan(0);
        families["dotnet_thread_pool_thread_count"].Type.ShouldBe("gauge", "the runtime's observable counter goes down as well as up");
        families["dotnet_thread_pool_queue_length"].Type.ShouldBe("gauge");
        families["dotnet_thread_pool_queue_length"].Samples.ShouldHaveSingleItem().Value.ShouldBeGreaterThanOrEqualTo(0);
    }

    [Fact]
    public void Only_the_own_service_instance_s_meter_is_exported()
    {
        using var otherInstance = new HealthCoreMetrics(new OutboxBacklog(), new AuditSealingLag());
        otherInstance.RequestDuration.Record(0.01, new("route", "/other"), new("method", "GET"), new("status_class", "2xx"));
        metrics.RequestDuration.Record(0.01, new("route", "/own"), new("method", "GET"), new("status_class", "2xx"));

        var samples = PrometheusExposition.Parse(exporter.Render())[RequestFamily].Samples;

        samples.ShouldContain(s => s.Labels["route"] == "/own");
        samples.ShouldNotContain(s => s.Labels["route"] == "/other");
    }

    [Theory]
    [InlineData("# TYPE a gauge\na{x=\"unterminated} 1\n")]
    [InlineData("# TYPE a gauge\na{x=\"bad \\q escape\"} 1\n")]
    [InlineData("# TYPE a gauge\na 1,5\n")]
    [InlineData("# TYPE a gauge\n# TYPE a gauge\na 1\n")]
    [InlineData("# TYPE a gauge\na 1\n# TYPE a counter\n")]
    [InlineData("# TYPE a gauge\nb 1\n")]
    [InlineData("a 1\n")]
    [InlineData("# TYPE a gauge\na 1")]
    [InlineData("# TYPE h histogram\nh_bucket{le=\"1\"} 3\nh_bucket{le=\"+Inf\"} 2\nh_sum 1\nh_count 2\n")]
    [InlineData("# TYPE h histogram\nh_bucket{le=\"1\"} 1\nh_bucket{le=\"+Inf\"} 2\nh_sum 1\nh_count 3\n")]
    [InlineData("# TYPE h histogram\nh_bucket{le=\"1\"} 1\nh_sum 1\nh_count 1\n")]
    public void The_exposition_reader_rejects_malformed_text(string text) =>
        Should.Throw<ShouldAssertException>(() => PrometheusExposition.Parse(text));
}
