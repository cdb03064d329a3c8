using System.Security.Claims;

namespace HealthCore.Platform.Auditing;

/// <summary>Who did it and from where, as stored with each audit record.</summary>
internal sealed record AuditActor(Guid? ActorId, string? ActorName, string? CorrelationId, string? ClientIp, string? UserAgent)
{
    private const int MaxUserAgentLength = 500;

    public static AuditActor Of(HttpContext? http, Guid? userId)
    {
        var userAgent = http?.Request.Headers.UserAgent.ToString();
        return new AuditActor(
            userId,
            http?.User.FindFirst("name")?.Value ?? http?.User.FindFirst(ClaimTypes.Name)?.Value,
            http is null ? null : Http.CorrelationId.Of(http),
            http?.Connection.RemoteIpAddress?.ToString(),
            string.IsNullOrEmpty(userAgent) ? null : userAgent[..Math.Min(userAgent.Length, MaxUserAgentLength)]);
    }
}
