using System.Reflection;
using HealthCore.Platform.Database;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace HealthCore.Tests.Platform.Database;

public sealed class ConcurrentMigrationTests
{
    [Fact]
    public async Task Two_instances_migrating_one_PostgreSQL_database_at_once_apply_each_migration_once()
    {
        await using var database = await ThrowawayDatabase.CreateAsync(DatabaseProvider.Postgres, "concurrent");
        await using var first = database.Instance();
        await using var second = database.Instance();
        _ = first.Services;
        _ = second.Services;

        // Hold the migration lock so that both instances are provably inside MigrateAsync, waiting, before either can proceed.
        var lockKey = MigrationLockKey();
        await using var gate = new NpgsqlConnection(database.ConnectionString);
        await gate.OpenAsync();
        await ExecuteAsync(gate, $"SELECT pg_advisory_lock({lockKey})");
        var migrations = new[] { MigrateAsync(first), MigrateAsync(second) };
        await WaitForWaitersAsync(gate, lockKey, expected: 2, migrations);
        await ExecuteAsync(gate, $"SELECT pg_advisory_unlock({lockKey})");
        await Task.WhenAll(migrations);

        // Exactly one instance found pending migrations and applied them; the other found none left.
        var applied = first.Logs.Entries.Concat(second.Logs.Entries)
            .Where(entry => entry.Category == typeof(MigrationRunner).FullName && entry.Message.StartsWith("Applying", StringComparison.Ordinal))
            .ToList();
        var modules = RegisteredModules.ContextTypes;
        applied.Count.ShouldBe(modules.Count, string.Join("\n", applied));
        (first.Logs.Entries.Any(e => e.Message.StartsWith("Applying", StringComparison.Ordinal))
            ^ second.Logs.Entries.Any(e => e.Message.StartsWith("Applying", StringComparison.Ordinal))).ShouldBeTrue("only one instance may apply migrations");

        foreach (var module in modules)
        {
            var (scope, db) = first.Context(module);
            await using (scope)
            {
                var history = await HistoryAsync(database.ConnectionString, db.Schema);
                history.ShouldBe(db.Database.GetMigrations().ToList(), $"{module.Name}: each migration exactly once, in order");
                history.ShouldNotBeEmpty();
            }
        }

        foreach (var instance in new[] { first, second })
        {
            await using var scope = instance.Services.CreateAsyncScope();
            (await scope.ServiceProvider.GetRequiredService<MigrationRunner>().PendingMigrationsAsync(CancellationToken.None)).ShouldBeEmpty();
        }
    }

    private static long MigrationLockKey() =>
        typeof(MigrationRunner).GetField("PostgresLockKey", BindingFlags.NonPublic | BindingFlags.Static)?.GetRawConstantValue() as long?
        ?? throw new InvalidOperationException("MigrationRunner.PostgresLockKey (the advisory lock key) was not found; update this test.");

    private static async Task MigrateAsync(ServiceInstance instance)
    {
        await Task.Yield();
        await instance.Services.MigrateDatabasesAsync();
    }

    private static async Task WaitForWaitersAsync(NpgsqlConnection connection, long key, int expected, Task[] migrations)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            await using var command = new NpgsqlCommand("""
                SELECT count(*) FROM pg_locks
                WHERE locktype = 'advisory' AND NOT granted AND objsubid = 1 AND ((classid::bigint << 32) | objid::bigint) = $1
                """, connection);
            command.Parameters.Add(new NpgsqlParameter { Value = key });
            var waiting = (long)(await command.ExecuteScalarAsync())!;
            if (waiting == expected)
            {
                return;
            }

            // A migrator that finished or failed without waiting never took the lock.
            if (migrations.FirstOrDefault(m => m.IsCompleted) is { } done)
            {
                await done;
                throw new InvalidOperationException("A migration finished while another instance held the migration lock.");
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{waiting} of {expected} instances waited for the migration lock.");
            }

            await Task.Delay(20);
        }
    }

    private static async Task<List<string>> HistoryAsync(string connectionString, string schema)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"SELECT \"MigrationId\" FROM \"{schema}\".\"{ModuleDbContext.MigrationsHistoryTable}\" ORDER BY \"MigrationId\"", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var ids = new List<string>();
        while (await reader.ReadAsync())
        {
            ids.Add(reader.GetString(0));
        }

        return ids;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
