using System.Security.Cryptography;
using System.Text;
using HealthCore.Platform.Database;

namespace HealthCore.Modules.Identity;

/// <summary>
/// One refresh token of a family (the chain started by one login). Only the SHA-256 of the token is stored, so a
/// database leak yields nothing usable; presenting a spent token again revokes the whole family.
/// </summary>
internal sealed class RefreshToken : ITenantOwned
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid TenantId { get; set; }

    public Guid UserId { get; init; }

    public Guid FamilyId { get; init; }

    public required string TokenHash { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset ExpiresAt { get; init; }

    public DateTimeOffset? SpentAt { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }

    /// <summary>A new random token (256 bits, base64url) and its row.</summary>
    public static (string Token, RefreshToken Row) Issue(Guid tenantId, Guid userId, Guid familyId, DateTimeOffset now, TimeSpan lifetime)
    {
        var token = Base64Url(RandomNumberGenerator.GetBytes(32));
        return (token, new RefreshToken
        {
            TenantId = tenantId,
            UserId = userId,
            FamilyId = familyId,
            TokenHash = Hash(token),
            CreatedAt = now,
            ExpiresAt = now + lifetime,
        });
    }

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
