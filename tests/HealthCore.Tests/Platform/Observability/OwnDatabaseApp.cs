using HealthCore.Platform.Database;
using Microsoft.AspNetCore.Hosting;

namespace HealthCore.Tests.Platform.Observability;

/// <summary>An instance of the service on a database of its own, for tests that break or withhold the database.</summary>
internal sealed class OwnDatabaseApp(DatabaseProvider provider, params (string Key, string Value)[] settings) : HealthCoreApp, IAsyncDisposable
{
    internal override DatabaseProvider Provider => provider;

    public static async Task<OwnDatabaseApp> StartAsync(DatabaseProvider provider, params (string Key, string Value)[] settings)
    {
        var app = new OwnDatabaseApp(provider, settings);
        await app.InitializeAsync();
        return app;
    }

    public new async ValueTask DisposeAsync() => await ((IAsyncLifetime)this).DisposeAsync();

    protected override Task<string> CreateDatabaseAsync() => provider == DatabaseProvider.Postgres
        ? TestDatabases.CreatePostgresAsync("observability")
        : Task.FromResult(TestDatabases.CreateSqlite("observability"));

    protected override Task DropDatabaseAsync(string connectionString)
    {
        if (provider == DatabaseProvider.Postgres)
        {
            return TestDatabases.DropPostgresAsync(connectionString);
        }

        TestDatabases.DeleteSqlite(connectionString);
        return Task.CompletedTask;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }
    }
}
