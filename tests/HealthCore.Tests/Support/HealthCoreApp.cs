using System.Net.Http.Headers;
using HealthCore.Platform.Database;
using HealthCore.Tests.Support.Probe;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace HealthCore.Tests.Support;

/// <summary>
/// The real service through the real ASP.NET Core pipeline on a real, throwaway database; one instance per provider
/// is shared by a test collection, so tests use unique data (a fresh tenant each) rather than cleaning up.
/// </summary>
public abstract class HealthCoreApp : WebApplicationFactory<Program>, IAsyncLifetime
{
    private readonly DatabaseProvider provider;
    private readonly string purpose;
    private readonly (string Key, string Value)[] settings;
    private ThrowawayDatabase? database;

    private protected HealthCoreApp(DatabaseProvider provider, string purpose, params (string Key, string Value)[] settings)
    {
        this.provider = provider;
        this.purpose = purpose;
        this.settings = settings;
    }

    internal DatabaseProvider Provider => provider;

    public string ConnectionString => database?.ConnectionString ?? "";

    public async Task InitializeAsync()
    {
        database = await ThrowawayDatabase.CreateAsync(provider, purpose);
        _ = Server; // starts the host, which migrates
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        if (database is not null)
        {
            await database.DisposeAsync();
        }
    }

    /// <summary>A client acting for a tenant (a fresh one unless given), as the identity module's tokens will.</summary>
    public HttpClient ClientFor(Guid? tenantId = null, Guid? userId = null) => Authorize(CreateClient(), tenantId, userId);

    /// <summary>Another instance of the service on the same database, with extra settings (e.g. small limits).</summary>
    public WebApplicationFactory<Program> WithSettings(params (string Key, string Value)[] overrides) =>
        WithWebHostBuilder(host =>
        {
            foreach (var (key, value) in overrides)
            {
                host.UseSetting(key, value);
            }
        });

    /// <summary>Acts as an Admin of the tenant unless other roles are given (comma-separated, or empty for none).</summary>
    public static HttpClient Authorize(HttpClient client, Guid? tenantId = null, Guid? userId = null, string roles = "Admin", params Guid[] facilities)
    {
        client.DefaultRequestHeaders.Add(TestAuthentication.RolesHeader, roles);
        if (facilities.Length > 0)
        {
            client.DefaultRequestHeaders.Add(TestAuthentication.FacilitiesHeader, string.Join(',', facilities));
        }

        client.DefaultRequestHeaders.Add(TestAuthentication.TenantHeader, (tenantId ?? Guid.CreateVersion7()).ToString());
        client.DefaultRequestHeaders.Add(TestAuthentication.UserHeader, (userId ?? Guid.CreateVersion7()).ToString());
        client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return client;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        TestHost.Configure(builder, Provider, ConnectionString);
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureServices(services =>
        {
            // Requests carrying the test headers act through the test scheme; everything else through real bearer tokens.
            services.AddAuthentication(TestAuthentication.SelectorSchemeName)
                .AddScheme<AuthenticationSchemeOptions, TestAuthentication>(TestAuthentication.SchemeName, null)
                .AddPolicyScheme(TestAuthentication.SelectorSchemeName, null, options => options.ForwardDefaultSelector = context =>
                    context.Request.Headers.ContainsKey(TestAuthentication.TenantHeader)
                        ? TestAuthentication.SchemeName
                        : JwtBearerDefaults.AuthenticationScheme);
            services.AddProbeModule();
            services.AddTransient<Microsoft.AspNetCore.Hosting.IStartupFilter, RoundTrips.Marker>();
        });
    }
}

public sealed class PostgresApp() : HealthCoreApp(DatabaseProvider.Postgres, "app");

public sealed class SqliteApp() : HealthCoreApp(DatabaseProvider.Sqlite, "app");

[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresApp>
{
    public const string Name = "PostgreSQL";
}

[CollectionDefinition(Name)]
public sealed class SqliteCollection : ICollectionFixture<SqliteApp>
{
    public const string Name = "SQLite";
}
