using OpenTelemetry.Trace;

namespace HealthCore.Platform.Observability;

internal static class ObservabilitySetup
{
    public static IServiceCollection AddObservability(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<OutboxBacklog>();
        services.AddSingleton<AuditSealingLag>();
        services.AddSingleton<HealthCoreMetrics>();
        services.AddSingleton<PrometheusExporter>();
        services.AddHostedService<ObservabilityStartup>();
        services.AddHealthEndpoints(configuration);
        services.AddTracing(configuration);

        // RequestTelemetry writes the one line per request. The host's own request lines, and the RequestPath scope it
        // adds to every line of a request while this category is enabled at all, carry the raw path and query string,
        // where patient ids and search terms live. Startup failures are still logged by Microsoft.Extensions.Hosting.
        services.AddLogging(logging => logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.None));
        return services;
    }

    public static void MapObservability(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthEndpoints();
        endpoints.MapGet("/metrics", (PrometheusExporter exporter) => TypedResults.Text(exporter.Render(), PrometheusText.ContentType))
            .WithTags("Operations")
            .AllowAnonymous()
            .DisableRateLimiting()
            .ExcludeFromDescription();
    }
}

/// <summary>Starts listening when the host starts rather than at the first scrape or span, so nothing early is lost.</summary>
internal sealed class ObservabilityStartup(IServiceProvider services) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        services.GetRequiredService<PrometheusExporter>();
        services.GetService<TracerProvider>();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
