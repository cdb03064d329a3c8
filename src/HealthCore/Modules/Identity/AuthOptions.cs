using HealthCore.Platform.Security;

namespace HealthCore.Modules.Identity;

internal sealed class AuthOptions
{
    public const string Section = "Auth";

    public string Issuer { get; set; } = "healthcore";

    public string Audience { get; set; } = "healthcore-api";

    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromMinutes(15);

    public TimeSpan RefreshTokenLifetime { get; set; } = TimeSpan.FromDays(14);

    public int LockoutThreshold { get; set; } = 5;

    public TimeSpan LockoutDuration { get; set; } = TimeSpan.FromMinutes(15);

    // How long a validated security stamp is trusted before the database is asked again; bounds how long a
    // deactivated user's token keeps working on another instance.
    public TimeSpan SecurityStampCacheDuration { get; set; } = TimeSpan.FromSeconds(30);

    // How long an instance serves a tenant's settings from memory; PATCH /config clears its own instance's copy at
    // once, so this bounds only how long another instance may act on the old settings.
    public TimeSpan TenantSettingsCacheDuration { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The first key with a private key signs; every listed key validates (rotation).</summary>
    public List<SigningKeyOptions> SigningKeys { get; set; } = [];

    public AuthRateLimitOptions RateLimit { get; set; } = new();
}

internal sealed class AuthRateLimitOptions
{
    public int PermitLimit { get; set; } = 10;

    public int WindowSeconds { get; set; } = 60;
}
