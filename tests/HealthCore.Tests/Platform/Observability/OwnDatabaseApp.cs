using HealthCore.Platform.Database;

namespace HealthCore.Tests.Platform.Observability;

/// <summary>An instance of the service on a database of its own, for tests that break or withhold the database.</summary>
internal sealed class OwnDatabaseApp(DatabaseProvider provider, params (string Key, string Value)[] settings)
    : HealthCoreApp(provider, "observability", settings), IAsyncDisposable
{
    public static async Task<OwnDatabaseApp> StartAsync(DatabaseProvider provider, params (string Key, string Value)[] settings)
    {
        var app = new OwnDatabaseApp(provider, settings);
        await app.InitializeAsync();
        return app;
    }

    public new async ValueTask DisposeAsync() => await ((IAsyncLifetime)this).DisposeAsync();
}
