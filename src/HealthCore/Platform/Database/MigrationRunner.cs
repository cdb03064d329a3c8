using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace HealthCore.Platform.Database;

/// <summary>Applies every module's pending migrations, one instance at a time.</summary>
internal sealed partial class MigrationRunner(
    IServiceProvider services,
    IEnumerable<ModuleDbRegistration> modules,
    DatabaseConnection connection,
    ILogger<MigrationRunner> logger)
{
    // Any fixed number shared by all instances; pg_advisory_lock serialises concurrent migrators on one database.
    private const long PostgresLockKey = 0x4865616c7468;

    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        if (connection.IsPostgres)
        {
            await using var lockConnection = new NpgsqlConnection(connection.ConnectionString);
            await lockConnection.OpenAsync(cancellationToken);
            await ExecuteAsync(lockConnection, $"SELECT pg_advisory_lock({PostgresLockKey})", cancellationToken);
            try
            {
                await MigrateModulesAsync(cancellationToken);
            }
            finally
            {
                await ExecuteAsync(lockConnection, $"SELECT pg_advisory_unlock({PostgresLockKey})", CancellationToken.None);
            }
        }
        else
        {
            await UseWriteAheadLogAsync(cancellationToken);
            await MigrateModulesAsync(cancellationToken);
        }
    }

    public async Task<IReadOnlyList<string>> PendingMigrationsAsync(CancellationToken cancellationToken)
    {
        var pending = new List<string>();
        foreach (var module in modules)
        {
            pending.AddRange(await ContextFor(module).Database.GetPendingMigrationsAsync(cancellationToken));
        }

        return pending;
    }

    private async Task MigrateModulesAsync(CancellationToken cancellationToken)
    {
        foreach (var module in modules)
        {
            var db = ContextFor(module);
            var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
            if (pending.Count == 0)
            {
                continue;
            }

            LogApplying(pending.Count, module.ContextType.Name, pending);
            await db.Database.MigrateAsync(cancellationToken);
        }
    }

    private DbContext ContextFor(ModuleDbRegistration module) => (DbContext)services.GetRequiredService(module.ContextType);

    // WAL lets readers proceed while one writer commits; the setting is stored in the database file.
    private async Task UseWriteAheadLogAsync(CancellationToken cancellationToken)
    {
        await using var sqlite = new SqliteConnection(connection.ConnectionString);
        await sqlite.OpenAsync(cancellationToken);
        await ExecuteAsync(sqlite, "PRAGMA journal_mode=WAL", cancellationToken);
    }

    private static async Task ExecuteAsync(System.Data.Common.DbConnection open, string sql, CancellationToken cancellationToken)
    {
        await using var command = open.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Applying {Count} migration(s) to {Module}: {Migrations}")]
    private partial void LogApplying(int count, string module, IEnumerable<string> migrations);
}
