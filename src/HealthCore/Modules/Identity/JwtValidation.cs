using System.Collections.Concurrent;
using HealthCore.Platform.Security;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace HealthCore.Modules.Identity;

/// <summary>
/// Access token validation: ES256 only (so an HS256 token "signed" with the public key, or alg none, can never
/// pass), issuer, audience, lifetime, a known key id, and a security stamp that still matches an active user.
/// </summary>
internal sealed class JwtValidation(SigningKeys keys, IOptions<AuthOptions> auth, TimeProvider clock)
    : IConfigureNamedOptions<JwtBearerOptions>
{
    public void Configure(string? name, JwtBearerOptions options)
    {
        if (name != JwtBearerDefaults.AuthenticationScheme)
        {
            return;
        }

        var settings = auth.Value;
        options.MapInboundClaims = false;
        options.TimeProvider = clock;
        options.TokenValidationParameters = new TokenValidationParameters
        {
            ValidIssuer = settings.Issuer,
            ValidAudience = settings.Audience,
            ValidAlgorithms = [SigningKeys.Algorithm],
            ValidTypes = ["JWT"],
            ValidateIssuer = true,
            ValidateAudience = true,
            ValidateLifetime = true,
            RequireExpirationTime = true,
            RequireSignedTokens = true,
            ValidateIssuerSigningKey = true,
            ClockSkew = settings.ClockSkew,
            NameClaimType = AccessTokens.NameClaim,
            RoleClaimType = AccessTokens.RoleClaim,
            IssuerSigningKeyResolver = (_, _, keyId, _) => keys.Resolve(keyId),
            LifetimeValidator = (notBefore, expires, _, parameters) => LifetimeIsValid(notBefore, expires, parameters),
        };
        options.Events = new JwtBearerEvents { OnTokenValidated = CheckSecurityStampAsync };
    }

    public void Configure(JwtBearerOptions options) => Configure(Options.DefaultName, options);

    // The default validator reads the system clock; this one honours the injected TimeProvider like the rest of the service.
    private bool LifetimeIsValid(DateTime? notBefore, DateTime? expires, TokenValidationParameters parameters)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return expires is { } end && end > now - parameters.ClockSkew
            && (notBefore is not { } start || start <= now + parameters.ClockSkew);
    }

    private static async Task CheckSecurityStampAsync(TokenValidatedContext context)
    {
        var principal = context.Principal;
        var services = context.HttpContext.RequestServices;
        if (!Guid.TryParse(principal?.FindFirst(JwtRegisteredClaimNames.Sub)?.Value, out var userId)
            || !Guid.TryParse(principal.FindFirst(CurrentTenant.TenantClaim)?.Value, out var tenantId)
            || principal.FindFirst(AccessTokens.SecurityStampClaim)?.Value is not { Length: > 0 } stamp)
        {
            context.Fail("The token lacks its subject, tenant or security stamp.");
            return;
        }

        var stamps = services.GetRequiredService<SecurityStamps>();
        if (!await stamps.IsCurrentAsync(tenantId, userId, stamp, services, context.HttpContext.RequestAborted))
        {
            context.Fail("The user is inactive or the token predates a security change.");
        }
    }
}

/// <summary>The current security stamp of active users, cached briefly per instance.</summary>
internal sealed class SecurityStamps(IOptions<AuthOptions> options, TimeProvider clock)
{
    private readonly ConcurrentDictionary<Guid, (string? Stamp, DateTimeOffset Until)> cache = new();

    public async Task<bool> IsCurrentAsync(Guid tenantId, Guid userId, string stamp, IServiceProvider services, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (!cache.TryGetValue(userId, out var cached) || cached.Until <= now)
        {
            var db = services.GetRequiredService<IdentityDb>();
            var current = await db.Users.IgnoreQueryFilters().AsNoTracking()
                .Where(u => u.Id == userId && u.TenantId == tenantId && u.Active)
                .Where(u => db.Tenants.Any(t => t.Id == u.TenantId && t.Active))
                .Select(u => u.SecurityStamp)
                .FirstOrDefaultAsync(cancellationToken);
            cached = (current, now + options.Value.SecurityStampCacheDuration);
            if (options.Value.SecurityStampCacheDuration > TimeSpan.Zero)
            {
                cache[userId] = cached;
            }
        }

        return cached.Stamp is not null && string.Equals(cached.Stamp, stamp, StringComparison.Ordinal);
    }

    public void Forget(Guid userId) => cache.TryRemove(userId, out _);
}
