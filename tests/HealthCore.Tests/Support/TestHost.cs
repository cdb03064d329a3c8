using HealthCore.Platform.Database;
using Microsoft.AspNetCore.Hosting;

namespace HealthCore.Tests.Support;

/// <summary>The settings every test host shares: a throwaway database, a test signing key, quiet logs, generous limits.</summary>
internal static class TestHost
{
    public const string IdentifierKeyId = "test-identifiers-1";

    private static readonly string CursorKey = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));

    public static readonly string IdentifierKey = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));

    private static readonly string IdentifierIndexKey = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));

    public static void Configure(IWebHostBuilder builder, DatabaseProvider provider, string connectionString)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Secrets:CursorSigning", CursorKey);
        builder.UseSetting("Secrets:PatientIdentifierIndex", IdentifierIndexKey);
        builder.UseSetting("Patients:IdentifierKeys:0:Id", IdentifierKeyId);
        builder.UseSetting("Patients:IdentifierKeys:0:Key", IdentifierKey);
        builder.UseSetting("Http:RateLimit:PermitLimit", "1000000");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting("Logging:LogLevel:Microsoft.EntityFrameworkCore", "Warning");
        builder.UseSetting("Logging:LogLevel:Microsoft.EntityFrameworkCore.Database.Command", "Critical");
        builder.UseSetting("Database:Provider", provider.ToString());
        builder.UseSetting("Database:ConnectionString", connectionString);
        builder.UseSetting("Database:MigrateOnStartup", "true");
    }
}

/// <summary>
/// The service exactly as shipped (no probe module, no test authentication: only real bearer tokens) on a throwaway
/// SQLite file, optionally with settings as an operator would give them (e.g. Bootstrap:AdminPassword).
/// </summary>
public sealed class ShippedServiceApp : Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program>
{
    private readonly string connectionString = TestDatabases.CreateSqlite("shipped");
    private readonly (string Key, string Value)[] settings;

    public ShippedServiceApp()
        : this([])
    {
    }

    internal ShippedServiceApp(params (string Key, string Value)[] settings) => this.settings = settings;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        TestHost.Configure(builder, DatabaseProvider.Sqlite, connectionString);
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        TestDatabases.DeleteSqlite(connectionString);
    }
}
