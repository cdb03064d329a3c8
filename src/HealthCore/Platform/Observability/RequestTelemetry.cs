using System.Diagnostics;
using System.Security.Claims;
using HealthCore.Platform.Security;
using Microsoft.AspNetCore.Http.Features;

namespace HealthCore.Platform.Observability;

/// <summary>
/// One log line, one duration sample and the request span's description per request, labelled by route template
/// (never the raw path, which would carry patient ids) and status class. Bodies, tokens and query strings are never
/// logged. The user is the "sub" claim, or NameIdentifier where a JWT handler has mapped "sub" to it.
/// </summary>
internal sealed partial class RequestTelemetry(RequestDelegate next, HealthCoreMetrics metrics, ILogger<RequestTelemetry> logger)
{
    public const string UnmatchedRoute = "unmatched";
    public const string OtherMethod = "_OTHER";

    // Callers choose the method; anything outside the standard set shares one label so it cannot grow the series.
    private static readonly HashSet<string> KnownMethods = new(
        ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "TRACE", "CONNECT"], StringComparer.Ordinal);

    public async Task InvokeAsync(HttpContext context)
    {
        var started = Stopwatch.GetTimestamp();
        var failed = false;
        metrics.RequestsInFlight.Add(1);
        try
        {
            await next(context);
        }
        catch
        {
            failed = true;
            throw;
        }
        finally
        {
            metrics.RequestsInFlight.Add(-1);
            var elapsed = Stopwatch.GetElapsedTime(started);
            var route = RouteOf(context);
            var method = KnownMethods.Contains(context.Request.Method) ? context.Request.Method : OtherMethod;
            var status = failed ? StatusCodes.Status500InternalServerError : context.Response.StatusCode;
            metrics.RequestDuration.Record(
                elapsed.TotalSeconds,
                new("route", route),
                new("method", method),
                new("status_class", $"{status / 100}xx"));
            DescribeSpan(context.Features.Get<IHttpActivityFeature>()?.Activity, method, route, status);
            LogRequest(method, route, status, elapsed.TotalMilliseconds,
                context.User.FindFirst(CurrentTenant.TenantClaim)?.Value,
                (context.User.FindFirst("sub") ?? context.User.FindFirst(ClaimTypes.NameIdentifier))?.Value);
        }
    }

    public static string RouteOf(HttpContext context) =>
        (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? UnmatchedRoute;

    // ASP.NET Core's request activity carries no attributes of its own and the instrumentation package is not
    // available, so the semantic-convention attributes are set here (without url.path, for the reason above).
    private static void DescribeSpan(Activity? activity, string method, string route, int status)
    {
        if (activity is not { IsAllDataRequested: true })
        {
            return;
        }

        activity.DisplayName = route == UnmatchedRoute ? method : $"{method} {route}";
        activity.SetTag("http.request.method", method);
        activity.SetTag("http.response.status_code", status);
        if (route != UnmatchedRoute)
        {
            activity.SetTag("http.route", route);
        }

        if (status >= StatusCodes.Status500InternalServerError)
        {
            activity.SetStatus(ActivityStatusCode.Error);
        }
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information,
        Message = "HTTP {Method} {Route} responded {StatusCode} in {ElapsedMs:0.0} ms (tenant {TenantId}, user {UserId})")]
    private partial void LogRequest(string method, string route, int statusCode, double elapsedMs, string? tenantId, string? userId);
}
