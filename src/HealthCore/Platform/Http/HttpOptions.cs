namespace HealthCore.Platform.Http;

internal sealed class HttpOptions
{
    public const string Section = "Http";

    public long MaxRequestBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>Origins allowed by CORS; empty means no cross-origin browser access at all.</summary>
    public string[] CorsOrigins { get; set; } = [];

    /// <summary>Proxies whose X-Forwarded-For/-Proto are trusted (loopback is always trusted).</summary>
    public string[] TrustedProxies { get; set; } = [];

    public RateLimitOptions RateLimit { get; set; } = new();

    /// <summary>How long a POST's first response is kept for replay under its Idempotency-Key.</summary>
    public int IdempotencyHours { get; set; } = 24;
}

internal sealed class RateLimitOptions
{
    /// <summary>Requests one client (user, else IP address) may make per window.</summary>
    public int PermitLimit { get; set; } = 600;

    public int WindowSeconds { get; set; } = 60;
}
