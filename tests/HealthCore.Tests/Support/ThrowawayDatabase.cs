using HealthCore.Platform.Database;

namespace HealthCore.Tests.Support;

/// <summary>An empty database of either provider, dropped on dispose.</summary>
internal sealed class ThrowawayDatabase : IAsyncDisposable
{
    private ThrowawayDatabase(DatabaseProvider provider, string connectionString)
    {
        Provider = provider;
        ConnectionString = connectionString;
    }

    public DatabaseProvider Provider { get; }

    public string ConnectionString { get; }

    public static async Task<ThrowawayDatabase> CreateAsync(DatabaseProvider provider, string purpose) =>
        new(provider, provider == DatabaseProvider.Postgres
            ? await TestDatabases.CreatePostgresAsync(purpose)
            : TestDatabases.CreateSqlite(purpose));

    public ServiceInstance Instance(Action<Microsoft.Extensions.DependencyInjection.IServiceCollection>? configureServices = null) =>
        new(Provider, ConnectionString, configureServices);

    public async ValueTask DisposeAsync()
    {
        if (Provider == DatabaseProvider.Postgres)
        {
            await TestDatabases.DropPostgresAsync(ConnectionString);
        }
        else
        {
            TestDatabases.DeleteSqlite(ConnectionString);
        }
    }
}
