using HealthCore.Platform.Database;
using Microsoft.AspNetCore.Hosting;

namespace HealthCore.Tests.Platform.Events;

/// <summary>
/// The app on a database of its own with the background dispatcher off, so that tests decide when dispatch passes run
/// and with which settings (derived instances via WithSettings share the database and keep the dispatcher off unless told).
/// </summary>
public abstract class EventsApp : HealthCoreApp
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Events:Enabled", "false");
    }
}

public sealed class EventsPostgresApp : EventsApp
{
    internal override DatabaseProvider Provider => DatabaseProvider.Postgres;

    protected override Task<string> CreateDatabaseAsync() => TestDatabases.CreatePostgresAsync("events");

    protected override Task DropDatabaseAsync(string connectionString) => TestDatabases.DropPostgresAsync(connectionString);
}

public sealed class EventsSqliteApp : EventsApp
{
    internal override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    protected override Task<string> CreateDatabaseAsync() => Task.FromResult(TestDatabases.CreateSqlite("events"));

    protected override Task DropDatabaseAsync(string connectionString)
    {
        TestDatabases.DeleteSqlite(connectionString);
        return Task.CompletedTask;
    }
}

[CollectionDefinition(Name)]
public sealed class EventsPostgresCollection : ICollectionFixture<EventsPostgresApp>
{
    public const string Name = "Events on PostgreSQL";
}

[CollectionDefinition(Name)]
public sealed class EventsSqliteCollection : ICollectionFixture<EventsSqliteApp>
{
    public const string Name = "Events on SQLite";
}
