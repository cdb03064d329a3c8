namespace HealthCore.Platform.Observability;

internal static class ObservabilitySetup
{
    public static IServiceCollection AddObservability(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<OutboxBacklog>();
        services.AddSingleton<HealthCoreMetrics>();
        services.AddSingleton<PrometheusExporter>();
        services.AddHostedService<ObservabilityStartup>();
        services.AddHealthEndpoints(configuration);
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

/// <summary>Starts listening when the host starts rather than at the first scrape, so nothing early is lost.</summary>
internal sealed class ObservabilityStartup(IServiceProvider services) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        services.GetRequiredService<PrometheusExporter>();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
