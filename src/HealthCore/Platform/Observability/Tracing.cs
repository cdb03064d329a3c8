using System.Diagnostics;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace HealthCore.Platform.Observability;

internal sealed class TracingOptions
{
    public const string Section = "Tracing";

    /// <summary>Where spans go; tracing is off while this is unset.</summary>
    public Uri? OtlpEndpoint { get; set; }

    /// <summary>Grpc (collector port 4317) or HttpProtobuf (port 4318, endpoint including /v1/traces).</summary>
    public OtlpExportProtocol OtlpProtocol { get; set; } = OtlpExportProtocol.Grpc;
}

/// <summary>
/// OpenTelemetry tracing over OTLP, wired by hand because the SDK's hosting and instrumentation packages are
/// not available: spans come from ASP.NET Core's own activity source and from <see cref="Source"/>.
/// </summary>
internal static class Tracing
{
    public const string ServiceName = "healthcore";
    public const string AspNetCoreSource = "Microsoft.AspNetCore";

    /// <summary>For modules that want their own spans (an HL7 exchange, an outbox dispatch).</summary>
    public static readonly ActivitySource Source = new("HealthCore");

    public static IServiceCollection AddTracing(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(TracingOptions.Section).Get<TracingOptions>();
        if (options?.OtlpEndpoint is not { } endpoint)
        {
            return services;
        }

        // A singleton built by the container is disposed by it at shutdown, which flushes the spans still batched.
        services.AddSingleton(_ => Sdk.CreateTracerProviderBuilder()
            .SetResourceBuilder(ResourceBuilder.CreateDefault().AddService(ServiceName))
            .AddSource(AspNetCoreSource, Source.Name)
            .AddOtlpExporter(otlp =>
            {
                otlp.Endpoint = endpoint;
                otlp.Protocol = options.OtlpProtocol;
            })
            .Build());
        return services;
    }
}
