using System.Text.RegularExpressions;

namespace HealthCore.Platform.Http;

/// <summary>Accepts a caller's X-Correlation-Id (or makes one), echoes it and puts it in every log line of the request.</summary>
internal sealed partial class CorrelationId(RequestDelegate next, ILogger<CorrelationId> logger)
{
    public const string Header = "X-Correlation-Id";
    private const string ItemKey = "HealthCore.CorrelationId";

    public static string? Of(HttpContext context) => context.Items[ItemKey] as string;

    public async Task InvokeAsync(HttpContext context)
    {
        var incoming = context.Request.Headers[Header].ToString();
        var correlationId = IsAcceptable(incoming) ? incoming : Guid.CreateVersion7().ToString("N");
        context.Items[ItemKey] = correlationId;
        context.Response.OnStarting(() =>
        {
            context.Response.Headers[Header] = correlationId;
            return Task.CompletedTask;
        });

        using (logger.BeginScope(new Dictionary<string, object> { ["CorrelationId"] = correlationId }))
        {
            await next(context);
        }
    }

    // Only short, plain tokens are echoed, so a header cannot smuggle log or header injection.
    private static bool IsAcceptable(string value) => value.Length is > 0 and <= 128 && SafeToken().IsMatch(value);

    [GeneratedRegex("^[A-Za-z0-9._:-]+$")]
    private static partial Regex SafeToken();
}
