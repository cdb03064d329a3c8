using HealthCore.Platform.Database;

namespace HealthCore.Tests.Platform.Events;

// The app on a database of its own with the background dispatcher off, so that tests decide when dispatch passes run
// and with which settings (derived instances via WithSettings share the database and keep the dispatcher off unless told).
public sealed class EventsPostgresApp() : HealthCoreApp(DatabaseProvider.Postgres, "events", ("Events:Enabled", "false"));

public sealed class EventsSqliteApp() : HealthCoreApp(DatabaseProvider.Sqlite, "events", ("Events:Enabled", "false"));

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
