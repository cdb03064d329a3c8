using HealthCore.Platform.Database;
using HealthCore.Platform.Events;
using HealthCore.Platform.Http;
using HealthCore.Platform.Http.Idempotency;
using HealthCore.Platform.Http.Paging;
using HealthCore.Platform.Observability;
using HealthCore.Platform.OpenApi;
using HealthCore.Platform.Security;
using HealthCore.Platform.Seeding;
using Microsoft.AspNetCore.HttpOverrides;

namespace HealthCore.Platform;

/// <summary>The cross-cutting services and the request pipeline every module gets.</summary>
internal static class PlatformSetup
{
    public const string ApiPrefix = "/api/v1";

    public static WebApplicationBuilder AddPlatform(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var configuration = builder.Configuration;

        builder.Logging.ClearProviders();
        builder.Logging.AddJsonConsole(json =>
        {
            json.IncludeScopes = true;
            json.UseUtcTimestamp = true;
            json.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
        });

        services.AddOptions<HttpOptions>().Bind(configuration.GetSection(HttpOptions.Section));
        services.AddHttpContextAccessor();
        services.AddSingleton<TimeProvider>(new StoredPrecisionClock(TimeProvider.System));
        services.AddSingleton<SecretKeyStore>();
        services.AddSingleton<CursorCodec>();
        services.AddSingleton<MergePatch>();
        services.AddScoped<CurrentTenant>();
        services.AddScoped<ICurrentTenant>(provider => provider.GetRequiredService<CurrentTenant>());

        services.AddPlatformDatabase(configuration);
        services.AddIntegrationEvents(configuration);
        services.AddApiJson();
        services.AddApiProblemDetails();
        services.AddExceptionHandler<ApiExceptionHandler>();
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        services.AddApiRateLimiting(configuration);
        services.AddResponseCompression();
        services.AddCors(cors => cors.AddDefaultPolicy(policy => policy
            .WithOrigins(configuration.GetSection($"{HttpOptions.Section}:CorsOrigins").Get<string[]>() ?? [])
            .AllowAnyHeader()
            .AllowAnyMethod()
            .WithExposedHeaders(CorrelationId.Header, "ETag", "Location", "Idempotent-Replayed")));
        services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            foreach (var proxy in configuration.GetSection($"{HttpOptions.Section}:TrustedProxies").Get<string[]>() ?? [])
            {
                options.KnownProxies.Add(System.Net.IPAddress.Parse(proxy));
            }
        });
        services.AddAuthentication();
        services.AddAuthorization();
        services.AddObservability(configuration);
        services.AddApiDocumentation();
        services.AddDemoSeeding();
        return builder;
    }

    public static WebApplication UsePlatform(this WebApplication app)
    {
        app.UseForwardedHeaders();
        app.UseMiddleware<CorrelationId>();
        app.UseMiddleware<RequestTelemetry>();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseMiddleware<SecurityHeaders>();
        app.UseResponseCompression();
        app.UseCors();
        app.UseMiddleware<RequestBodyLimit>();
        app.UseMiddleware<Utf8RequestBody>();
        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();

        app.MapObservability();
        app.MapApiDocumentation();
        return app;
    }

    /// <summary>The route group every module's endpoints hang off.</summary>
    public static RouteGroupBuilder MapApi(this WebApplication app) => app.MapGroup(ApiPrefix).WithRequestValidation().WithKnownQueryParameters().WithIdempotentPosts();

    /// <summary>Maps endpoints that a host embedding the service registered in DI (the test suite's probe module).</summary>
    public static void MapHostedEndpoints(this RouteGroupBuilder api)
    {
        foreach (var endpoints in ((IEndpointRouteBuilder)api).ServiceProvider.GetServices<IHostedEndpoints>())
        {
            endpoints.Map(api);
        }
    }
}

internal interface IHostedEndpoints
{
    void Map(RouteGroupBuilder api);
}
