using System.Net.Http.Headers;
using System.Security.Cryptography;
using HealthCore.Modules.Identity;
using HealthCore.Platform.Database;
using HealthCore.Platform.Security;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace HealthCore.Tests.Modules.Identity;

/// <summary>
/// The service on a database of its own with identity settings for tests: a bootstrap password, two configured
/// signing keys (the second retired: it validates but no longer signs), a two-second lockout, no security stamp cache.
/// </summary>
public abstract class IdentityApp : HealthCoreApp
{
    private protected IdentityApp(DatabaseProvider provider)
        : base(provider, "identity")
    {
    }

    public const string AdminPassword = "Bootstrap-Operator-Passphrase-1";
    public static readonly TimeSpan LockoutDuration = TimeSpan.FromSeconds(2);

    internal static readonly ECDsa CurrentKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    internal static readonly ECDsa RetiredKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Bootstrap:AdminPassword", AdminPassword);
        builder.UseSetting("Auth:SigningKeys:0:Id", "test-current");
        builder.UseSetting("Auth:SigningKeys:0:PrivateKeyPem", CurrentKey.ExportPkcs8PrivateKeyPem());
        builder.UseSetting("Auth:SigningKeys:1:Id", "test-retired");
        builder.UseSetting("Auth:SigningKeys:1:PublicKeyPem", RetiredKey.ExportSubjectPublicKeyInfoPem());
        builder.UseSetting("Auth:LockoutDuration", LockoutDuration.ToString());
        builder.UseSetting("Auth:SecurityStampCacheDuration", "00:00:00");
        builder.UseSetting("Auth:RateLimit:PermitLimit", "1000000");
    }

    /// <summary>A fresh tenant with one facility and one user holding the roles; returns what a client needs to log in.</summary>
    internal async Task<SeededUser> CreateUserAsync(params string[] roles)
    {
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IdentityDb>();
        var now = scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow();
        var tenant = new Tenant { Code = $"t{Guid.NewGuid():N}"[..20], Name = "Test Hospital Group", CreatedAt = now };
        var facility = new Facility { TenantId = tenant.Id, Code = "north", Name = "North Campus", CreatedAt = now };
        var user = new User { TenantId = tenant.Id, DisplayName = "Dr. Test", Roles = roles, FacilityIds = [facility.Id], CreatedAt = now };
        user.SetUsername($"User.{Guid.NewGuid():N}"[..20]);
        var password = $"Pass-{Guid.NewGuid():N}";
        user.PasswordHash = scope.ServiceProvider.GetRequiredService<IPasswordHasher<User>>().HashPassword(user, password);
        scope.ServiceProvider.GetRequiredService<CurrentTenant>().ActAs(tenant.Id, null);
        db.AddRange(tenant, facility, user);
        await db.SaveChangesAsync();
        return new SeededUser(tenant.Code, tenant.Id, user.Id, user.Username, password, facility.Id);
    }

    /// <summary>A client without test headers: it authenticates only through bearer tokens.</summary>
    public HttpClient Anonymous()
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return client;
    }

    public HttpClient Bearer(string accessToken)
    {
        var client = Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return client;
    }

    internal async Task<TokenResponse> LoginAsync(SeededUser user, string? password = null)
    {
        var response = await Anonymous().PostAsJsonAsync("/api/v1/auth/login", user.Login(password));
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<TokenResponse>())!;
    }
}

internal sealed record SeededUser(string Tenant, Guid TenantId, Guid Id, string Username, string Password, Guid FacilityId)
{
    public object Login(string? password = null) => new { tenant = Tenant, username = Username, password = password ?? Password };
}

public sealed class IdentityPostgresApp() : IdentityApp(DatabaseProvider.Postgres);

public sealed class IdentitySqliteApp() : IdentityApp(DatabaseProvider.Sqlite);

[CollectionDefinition(Name)]
public sealed class IdentityPostgresCollection : ICollectionFixture<IdentityPostgresApp>
{
    public const string Name = "Identity on PostgreSQL";
}

[CollectionDefinition(Name)]
public sealed class IdentitySqliteCollection : ICollectionFixture<IdentitySqliteApp>
{
    public const string Name = "Identity on SQLite";
}
