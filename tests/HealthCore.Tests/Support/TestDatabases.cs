using Microsoft.Data.Sqlite;
using Npgsql;

namespace HealthCore.Tests.Support;

/// <summary>Throwaway databases: one PostgreSQL database per app instance on the server the test command started, or a temp SQLite file.</summary>
internal static class TestDatabases
{
    public const string PostgresVariable = "HEALTHCORE_TEST_POSTGRES";

    public static string PostgresServer => Environment.GetEnvironmentVariable(PostgresVariable) is { Length: > 0 } value
        ? value
        : throw new InvalidOperationException(
            $"{PostgresVariable} is not set. Run ./scripts/test.sh, which starts a throwaway PostgreSQL, or point it at a server.");

    public static async Task<string> CreatePostgresAsync(string purpose)
    {
        var name = $"hc_{purpose}_{Guid.NewGuid():N}";
        await using (var admin = new NpgsqlConnection(PostgresServer))
        {
            await admin.OpenAsync();
            await using var create = admin.CreateCommand();
            create.CommandText = $"CREATE DATABASE \"{name}\"";
            await create.ExecuteNonQueryAsync();
        }

        return new NpgsqlConnectionStringBuilder(PostgresServer) { Database = name, MaxPoolSize = 60 }.ConnectionString;
    }

    public static async Task DropPostgresAsync(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        NpgsqlConnection.ClearAllPools();
        await using var admin = new NpgsqlConnection(PostgresServer);
        await admin.OpenAsync();
        await using var drop = admin.CreateCommand();
        drop.CommandText = $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)";
        await drop.ExecuteNonQueryAsync();
    }

    public static string CreateSqlite(string purpose)
    {
        var folder = Path.Combine(Path.GetTempPath(), "healthcore-tests");
        Directory.CreateDirectory(folder);
        return new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(folder, $"{purpose}-{Guid.NewGuid():N}.db"),
        }.ConnectionString;
    }

    public static void DeleteSqlite(string connectionString)
    {
        SqliteConnection.ClearAllPools();
        var file = new SqliteConnectionStringBuilder(connectionString).DataSource;
        foreach (var path in new[] { file, file + "-wal", file + "-shm" })
        {
            File.Delete(path);
        }
    }
}
