using System.Diagnostics;

namespace HealthCore.Platform.Observability;

/// <summary>
/// One log line and one duration sample per request, labelled by route template (never the raw path, which
/// would carry patient ids) and status class. Bodies, tokens and query strings are never logged.
/// </summary>
internal sealed partial class RequestTelemetry(RequestDelegate next, HealthCoreMetrics metrics, ILogger<RequestTelemetry> logger)
{
    public const string UnmatchedRoute = "unmatched";

    public async Task InvokeAsync(HttpContext context)
    {
        var started = Stopwatch.GetTimestamp();
        metrics.RequestsInFlight.Add(1);
        try
        {
            await next(context);
        }
        finally
        {
            metrics.RequestsInFlight.Add(-1);
            var elapsed = Stopwatch.GetElapsedTime(started);
            var route = RouteOf(context);
            var status = context.Response.StatusCode;
            metrics.RequestDuration.Record(
                elapsed.TotalSeconds,
                new("route", route),
                new("method", context.Request.Method),
                new("status_class", $"{status / 100}xx"));
            LogRequest(context.Request.Method, route, status, elapsed.TotalMilliseconds,
                context.User.FindFirst("tenant_id")?.Value, context.User.FindFirst("sub")?.Value);
        }
    }

    public static string RouteOf(HttpContext context) =>
        (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? UnmatchedRoute;

    [LoggerMessage(EventId = 1, Level = LogLevel.Information,
        Message = "HTTP {Method} {Route} responded {StatusCode} in {ElapsedMs:0.0} ms (tenant {TenantId}, user {UserId})")]
    private partial void LogRequest(string method, string route, int statusCode, double elapsedMs, string? tenantId, string? userId);
}
