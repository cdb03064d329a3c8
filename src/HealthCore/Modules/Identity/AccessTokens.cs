using HealthCore.Platform.Security;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace HealthCore.Modules.Identity;

internal sealed record TokenResponse(string AccessToken, string TokenType, int ExpiresIn, string RefreshToken);

/// <summary>Issues ES256 access tokens and refresh tokens; validation lives in <see cref="JwtValidation"/>.</summary>
internal sealed class AccessTokens(SigningKeys keys, IOptions<AuthOptions> options, TimeProvider clock)
{
    public const string SecurityStampClaim = "security_stamp";
    public const string RoleClaim = "role";
    public const string NameClaim = "name";

    private static readonly JsonWebTokenHandler Handler = new() { SetDefaultTimesOnTokenCreation = false };

    public AuthOptions Options => options.Value;

    public string CreateAccessToken(User user)
    {
        var now = clock.GetUtcNow();
        var claims = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            [JwtRegisteredClaimNames.Sub] = user.Id.ToString(),
            [CurrentTenant.TenantClaim] = user.TenantId.ToString(),
            [NameClaim] = user.Username,
            [RoleClaim] = user.Roles,
            [FacilityAccess.Claim] = UserAssignments.FacilityClaim(user),
            [SecurityStampClaim] = user.SecurityStamp,
            [JwtRegisteredClaimNames.Jti] = Guid.CreateVersion7().ToString(),
        };
        return Handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Options.Issuer,
            Audience = Options.Audience,
            Claims = claims,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = (now + Options.AccessTokenLifetime).UtcDateTime,
            SigningCredentials = keys.Credentials,
        });
    }

    /// <summary>An access token plus a new refresh token of the given family (a new family at login).</summary>
    public (TokenResponse Response, RefreshToken Row) Issue(User user, Guid familyId)
    {
        var (refresh, row) = RefreshToken.Issue(user.TenantId, user.Id, familyId, clock.GetUtcNow(), Options.RefreshTokenLifetime);
        var response = new TokenResponse(CreateAccessToken(user), "Bearer", (int)Options.AccessTokenLifetime.TotalSeconds, refresh);
        return (response, row);
    }
}
