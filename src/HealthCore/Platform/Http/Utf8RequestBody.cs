using System.Text.Unicode;

namespace HealthCore.Platform.Http;

/// <summary>
/// Rejects a JSON or text request body that is not valid UTF-8 with a 400 naming the body, before anything binds it:
/// System.Text.Json would otherwise fail deep inside a handler (a 500) or, where a body is decoded as text first,
/// store U+FFFD replacement characters in place of what the client sent. Runs after the body limit, so the buffer
/// is bounded by Http:MaxRequestBodyBytes.
/// </summary>
internal sealed class Utf8RequestBody(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (!HasTextBody(request))
        {
            await next(context);
            return;
        }

        var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, context.RequestAborted);
        if (!Utf8.IsValid(buffer.GetBuffer().AsSpan(0, (int)buffer.Length)))
        {
            await FieldErrors.Invalid("$", "The request body is not valid UTF-8; send JSON encoded as UTF-8.").ExecuteAsync(context);
            return;
        }

        buffer.Position = 0;
        request.Body = buffer;
        context.Response.RegisterForDispose(buffer);
        await next(context);
    }

    private static bool HasTextBody(HttpRequest request) =>
        (request.ContentLength > 0 || (request.ContentLength is null && request.Headers.TransferEncoding.Count > 0))
        && request.ContentType is { } type
        && (type.Contains("json", StringComparison.OrdinalIgnoreCase) || type.StartsWith("text/", StringComparison.OrdinalIgnoreCase));
}
