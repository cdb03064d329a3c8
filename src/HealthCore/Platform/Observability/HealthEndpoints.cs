using HealthCore.Platform.Database;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace HealthCore.Platform.Observability;

/// <summary>Ready means: the database answers and every module's migrations are applied.</summary>
internal sealed class DatabaseReadyCheck(IServiceScopeFactory scopes, ReadinessState state) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            // The driver does not always honour cancellation while connecting, so the probe stops waiting instead.
            var pending = await CountPendingMigrationsAsync(cancellationToken).WaitAsync(cancellationToken);
            return pending == 0
                ? HealthCheckResult.Healthy("Database reachable; migrations applied.")
                : HealthCheckResult.Unhealthy($"{pending} migration(s) pending.");
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy("Database did not answer in time.");
        }
#pragma warning disable CA1031 // any failure to reach the database means not ready
        catch (Exception exception)
#pragma warning restore CA1031
        {
            return HealthCheckResult.Unhealthy("Database unreachable.", exception);
        }
    }

    // A scope of its own: a check abandoned on timeout must not dispose a connection that is still connecting.
    private async Task<int> CountPendingMigrationsAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        if (state.MigrationsApplied)
        {
            // Applied migrations stay applied for this build; from then on a round trip proves the database answers.
            return await scope.ServiceProvider.GetRequiredService<PlatformDb>().Database.CanConnectAsync(cancellationToken)
                ? 0
                : throw new InvalidOperationException("The database refused the connection.");
        }

        var pending = (await scope.ServiceProvider.GetRequiredService<MigrationRunner>().PendingMigrationsAsync(cancellationToken)).Count;
        state.MigrationsApplied = pending == 0;
        return pending;
    }
}

/// <summary>Remembers that this instance has seen every migration applied, so ready probes stay cheap.</summary>
internal sealed class ReadinessState
{
    private volatile bool migrationsApplied;

    public bool MigrationsApplied
    {
        get => migrationsApplied;
        set => migrationsApplied = value;
    }
}

internal sealed class HealthOptions
{
    public const string Section = "Health";

    /// <summary>
    /// A database host that has gone silent would otherwise hold the probe for the driver's connect timeout;
    /// past this the check answers not ready.
    /// </summary>
    public double ReadyTimeoutSeconds { get; set; } = 5;
}

internal static class HealthEndpoints
{
    public const string ReadyTag = "ready";

    public static IServiceCollection AddHealthEndpoints(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(HealthOptions.Section).Get<HealthOptions>() ?? new HealthOptions();
        services.AddSingleton<ReadinessState>();
        services.AddHealthChecks().AddCheck<DatabaseReadyCheck>(
            "database", tags: [ReadyTag], timeout: TimeSpan.FromSeconds(options.ReadyTimeoutSeconds));
        return services;
    }

    // Probes are exempt from rate limiting: a throttled probe would take a healthy instance out of service.
    public static void MapHealthEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks("/health/live", new() { Predicate = _ => false, ResponseWriter = WriteJsonAsync })
            .WithTags("Operations").AllowAnonymous().DisableRateLimiting();
        endpoints.MapHealthChecks("/health/ready", new() { Predicate = c => c.Tags.Contains(ReadyTag), ResponseWriter = WriteJsonAsync })
            .WithTags("Operations").AllowAnonymous().DisableRateLimiting();
    }

    private static Task WriteJsonAsync(HttpContext context, HealthReport report) =>
        context.Response.WriteAsJsonAsync(new
        {
            status = report.Status.ToString(),
            durationMs = report.TotalDuration.TotalMilliseconds,
            checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), e.Value.Description }),
        });
}
