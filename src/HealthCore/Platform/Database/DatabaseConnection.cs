using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Update;
using Microsoft.Extensions.Options;

namespace HealthCore.Platform.Database;

/// <summary>The one place that knows which provider and connection string every module's DbContext uses.</summary>
internal sealed class DatabaseConnection
{
    public DatabaseConnection(IOptions<DatabaseOptions> options, IHostEnvironment environment)
    {
        var settings = options.Value;
        Provider = settings.Provider;
        ConnectionString = string.IsNullOrWhiteSpace(settings.ConnectionString)
            ? Provider == DatabaseProvider.Sqlite
                ? DatabaseOptions.DefaultSqliteConnectionString(environment.ContentRootPath)
                : throw new InvalidOperationException("Database:ConnectionString is required when Database:Provider is Postgres.")
            : settings.ConnectionString;
        MigrateOnStartup = settings.MigrateOnStartup ?? (Provider == DatabaseProvider.Sqlite || environment.IsDevelopment());
    }

    public DatabaseProvider Provider { get; }

    public string ConnectionString { get; }

    public bool MigrateOnStartup { get; }

    public bool IsPostgres => Provider == DatabaseProvider.Postgres;

    public void Configure(DbContextOptionsBuilder options, params IInterceptor[] interceptors)
    {
        if (IsPostgres)
        {
            options.UseNpgsql(ConnectionString).ReplaceService<IUpdateSqlGenerator, InsertOrKeepNpgsqlUpdateSqlGenerator>();
        }
        else
        {
            // SQLite has no schemas; module schemas are kept for PostgreSQL and table names stay unique instead.
            options.UseSqlite(ConnectionString)
                .ConfigureWarnings(w => w.Ignore(SqliteEventId.SchemaConfiguredWarning))
                .ReplaceService<IUpdateSqlGenerator, InsertOrKeepSqliteUpdateSqlGenerator>();
        }

        options.AddInterceptors(interceptors);
    }
}
