using System.Security.Cryptography;
using System.Text;
using HealthCore.Platform.Database;
using HealthCore.Platform.Security;
using Microsoft.AspNetCore.Http.Features;

namespace HealthCore.Platform.Http.Idempotency;

/// <summary>
/// Runs a POST at most once per Idempotency-Key: claims the key in the database, runs the handler, renders its
/// result into a buffer and stores it before sending it, so a retry (on any instance) gets the same response.
/// One instance per endpoint.
/// </summary>
internal sealed class IdempotencyFilter(TimeProvider clock, TimeSpan lifetime, IServiceScopeFactory scopes)
{
    private static readonly TimeSpan CleanupInterval = TimeSpan.FromMinutes(10);
    private long nextCleanupTicks;

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext invocation, EndpointFilterDelegate next)
    {
        var http = invocation.HttpContext;
        if (!http.Request.Headers.TryGetValue(Idempotency.KeyHeader, out var values))
        {
            return await next(invocation);
        }

        if (Idempotency.Validate(values) is { } invalid)
        {
            return invalid;
        }

        var key = values.ToString();
        var scope = ScopeOf(http);
        var requestHash = await HashRequestAsync(http.Request);

        // A scope of our own: the handler's DbContexts never track these rows, and ours never sees the handler's.
        await using var services = scopes.CreateAsyncScope();
        var store = new IdempotencyStore(services.ServiceProvider.GetRequiredService<PlatformDb>(), clock, lifetime);
        await DeleteExpiredOccasionallyAsync(store, http.RequestAborted);

        var claim = await store.ClaimAsync(scope, key, requestHash, http.RequestAborted);
        switch (claim.Outcome)
        {
            case ClaimOutcome.Replay:
                return new ReplayedResponse(claim.Existing!);
            case ClaimOutcome.Mismatch:
                return new UnprocessableProblem(
                    "The Idempotency-Key was already used for a different request.",
                    "A key identifies one request (path, query and body); use a new key for a new request.");
            case ClaimOutcome.InProgress:
                http.Response.Headers.RetryAfter = "1";
                return new ConflictProblem(
                    "A request with this Idempotency-Key is still in progress.",
                    "Retry shortly with the same key to receive its response.");
        }

        StoredResponse response;
        try
        {
            response = await RunBufferedAsync(http, () => next(invocation));
        }
        catch
        {
            await store.ReleaseAsync(scope, key, requestHash);
            throw;
        }

        if (IsWorthKeeping(response.StatusCode))
        {
            await store.CompleteAsync(scope, key, requestHash, response);
        }
        else
        {
            await store.ReleaseAsync(scope, key, requestHash);
        }

        await http.Response.Body.WriteAsync(response.Body, http.RequestAborted);
        return Results.Empty;
    }

    /// <summary>Server errors and "busy" answers (409, 429) are not the outcome of the request, so the client may retry them.</summary>
    private static bool IsWorthKeeping(int status) =>
        status is >= 200 and < 300
        || (status is >= 400 and < 500 and not StatusCodes.Status409Conflict and not StatusCodes.Status429TooManyRequests);

    /// <summary>
    /// Runs the handler and executes its result with the response body redirected to memory: status and headers land
    /// on the real response, which has not started, and the body is captured whole, even what a handler writes itself.
    /// </summary>
    private static async Task<StoredResponse> RunBufferedAsync(HttpContext http, Func<ValueTask<object?>> handler)
    {
        var original = http.Features.GetRequiredFeature<IHttpResponseBodyFeature>();
        using var buffer = new MemoryStream();
        var buffering = new StreamResponseBodyFeature(buffer, original);
        http.Features.Set<IHttpResponseBodyFeature>(buffering);
        try
        {
            var result = await handler();
            var executable = result switch
            {
                IResult r => r,
                null => Results.Empty,
                string text => TypedResults.Text(text),
                _ => TypedResults.Json(result),
            };
            await executable.ExecuteAsync(http);
            await buffering.CompleteAsync();
        }
        finally
        {
            http.Features.Set(original);
        }

        return new StoredResponse(
            http.Response.StatusCode,
            http.Response.ContentType,
            http.Response.Headers.Location.ToString() is { Length: > 0 } location ? location : null,
            buffer.ToArray());
    }

    /// <summary>Keys are per tenant, principal and endpoint, so one client's key can never replay another's response.</summary>
    private static string ScopeOf(HttpContext http)
    {
        var principal = http.RequestServices.GetRequiredService<ICurrentTenant>();
        var owner = $"{principal.TenantId?.ToString() ?? "anonymous"}:{principal.UserId?.ToString() ?? "anonymous"}:";
        var endpoint = $"{http.Request.Method} {(http.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? http.Request.Path}";
        return owner.Length + endpoint.Length <= IdempotencyRecord.MaxKeyLength
            ? owner + endpoint
            : owner + "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(endpoint)));
    }

    /// <summary>
    /// SHA-256 of the actual path, query and raw body. The scope only names the route template, so without the path a
    /// key reused for another resource (POST /patients/A/... then /patients/B/...) would replay A's answer for B.
    /// </summary>
    private static async Task<string> HashRequestAsync(HttpRequest request)
    {
        // WithIdempotency enabled buffering before the body was bound, so it can be read again here.
        if (!request.Body.CanSeek)
        {
            throw new InvalidOperationException("The request body is not buffered; add idempotency with WithIdempotency().");
        }

        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes($"{request.PathBase}{request.Path}{request.QueryString}\n"));
        request.Body.Position = 0;
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, request.HttpContext.RequestAborted)) > 0)
        {
            hash.AppendData(chunk, 0, read);
        }

        request.Body.Position = 0;
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private async Task DeleteExpiredOccasionallyAsync(IdempotencyStore store, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcTicks;
        var due = Interlocked.Read(ref nextCleanupTicks);
        if (now >= due && Interlocked.CompareExchange(ref nextCleanupTicks, now + CleanupInterval.Ticks, due) == due)
        {
            await store.DeleteExpiredAsync(cancellationToken);
        }
    }

    private sealed class ReplayedResponse(IdempotencyRecord record) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            var response = httpContext.Response;
            response.StatusCode = record.StatusCode ?? StatusCodes.Status200OK;
            response.Headers[Idempotency.ReplayedHeader] = "true";
            if (record.ContentType is not null)
            {
                response.ContentType = record.ContentType;
            }

            if (record.Location is not null)
            {
                response.Headers.Location = record.Location;
            }

            if (record.Body is { Length: > 0 } body)
            {
                await response.Body.WriteAsync(body, httpContext.RequestAborted);
            }
        }
    }
}
