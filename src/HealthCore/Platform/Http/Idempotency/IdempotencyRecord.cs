using HealthCore.Platform.Auditing;

namespace HealthCore.Platform.Http.Idempotency;

/// <summary>The first response to a POST carrying an Idempotency-Key, kept so that retries replay it.</summary>
[NotAudited]
internal sealed class IdempotencyRecord
{
    public const int MaxKeyLength = 200;

    public required string Scope { get; init; }

    public required string Key { get; init; }

    public required string RequestHash { get; init; }

    public bool Completed { get; set; }

    public int? StatusCode { get; set; }

    public string? ContentType { get; set; }

    public string? Location { get; set; }

    public byte[]? Body { get; set; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset ExpiresAt { get; set; }
}
