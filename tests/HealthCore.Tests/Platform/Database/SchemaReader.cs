using System.Data.Common;
using HealthCore.Platform.Database;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace HealthCore.Tests.Platform.Database;

/// <summary>Reads a <see cref="SchemaSnapshot"/> from the catalog of a live database, leaving out the migration infrastructure.</summary>
internal static class SchemaReader
{
    private const string PostgresIndexColumns = """
        ARRAY(SELECT COALESCE(a.attname::text, pg_get_indexdef(i.indexrelid, k.ord::int, true))
              FROM unnest(i.indkey::int2[]) WITH ORDINALITY AS k(attnum, ord)
              LEFT JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum AND k.attnum > 0
              WHERE k.ord <= i.indnkeyatts
              ORDER BY k.ord)
        """;

    public static Task<SchemaSnapshot> ReadAsync(DatabaseProvider provider, string connectionString) =>
        provider == DatabaseProvider.Postgres ? ReadPostgresAsync(connectionString) : ReadSqliteAsync(connectionString);

    /// <summary>EF's migration history tables (one per module) and the lock table EF uses on SQLite.</summary>
    public static bool IsMigrationInfrastructure(string table) =>
        table == ModuleDbContext.MigrationsHistoryTable
        || table.StartsWith(ModuleDbContext.MigrationsHistoryTable + "_", StringComparison.Ordinal)
        || table == "__EFMigrationsLock";

    /// <summary>
    /// Every table in every user schema, qualified by its schema. A fresh database holds one module, so this is that
    /// module's schema plus anything a migration put elsewhere by mistake (which then shows up as a difference).
    /// </summary>
    public static async Task<SchemaSnapshot> ReadPostgresAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var tables = new List<TableSchema>();
        foreach (var table in await RowsAsync(connection, """
            SELECT c.oid::bigint, n.nspname::text, c.relname::text
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE c.relkind IN ('r', 'p')
              AND n.nspname NOT IN ('pg_catalog', 'information_schema')
              AND n.nspname NOT LIKE 'pg\_toast%' AND n.nspname NOT LIKE 'pg\_temp%'
            ORDER BY 2, 3
            """))
        {
            if (IsMigrationInfrastructure((string)table[2]!))
            {
                continue;
            }

            var oid = (long)table[0]!;
            var columns = await RowsAsync(connection, """
                SELECT a.attname::text, format_type(a.atttypid, a.atttypmod), a.attnotnull, pg_get_expr(d.adbin, d.adrelid),
                       CASE a.attidentity WHEN 'a' THEN 'always as identity' WHEN 'd' THEN 'by default as identity'
                                          ELSE CASE a.attgenerated WHEN 's' THEN 'always as stored' END END
                FROM pg_attribute a LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
                WHERE a.attrelid = $1::oid AND a.attnum > 0 AND NOT a.attisdropped
                ORDER BY a.attnum
                """, oid);
            var primaryKey = await RowsAsync(connection, $"SELECT {PostgresIndexColumns} FROM pg_index i WHERE i.indrelid = $1::oid AND i.indisprimary", oid);
            var uniqueIndexes = await RowsAsync(connection, $"""
                SELECT {PostgresIndexColumns}, pg_get_expr(i.indpred, i.indrelid)
                FROM pg_index i WHERE i.indrelid = $1::oid AND i.indisunique AND NOT i.indisprimary
                """, oid);
            var foreignKeys = await RowsAsync(connection, """
                SELECT ARRAY(SELECT a.attname::text FROM unnest(c.conkey) WITH ORDINALITY AS k(attnum, ord)
                             JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum ORDER BY k.ord),
                       pn.nspname::text || '.' || pc.relname::text,
                       ARRAY(SELECT a.attname::text FROM unnest(c.confkey) WITH ORDINALITY AS k(attnum, ord)
                             JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.attnum ORDER BY k.ord),
                       CASE c.confdeltype WHEN 'a' THEN 'no action' WHEN 'r' THEN 'restrict' WHEN 'c' THEN 'cascade'
                                          WHEN 'n' THEN 'set null' WHEN 'd' THEN 'set default' END
                FROM pg_constraint c
                JOIN pg_class pc ON pc.oid = c.confrelid JOIN pg_namespace pn ON pn.oid = pc.relnamespace
                WHERE c.conrelid = $1::oid AND c.contype = 'f'
                """, oid);

            tables.Add(new TableSchema(
                $"{table[1]}.{table[2]}",
                [.. columns.Select(c => new ColumnSchema(
                    (string)c[0]!,
                    (string)c[1]!,
                    Nullable: !(bool)c[2]!,
                    // A generated column's expression is its definition, not a default.
                    Default: c[4] is null ? (string?)c[3] : null,
                    Generated: (string?)c[4]))],
                primaryKey.Count == 0 ? [] : (string[])primaryKey[0][0]!,
                Sorted(uniqueIndexes.Select(i => new UniqueIndexSchema((string[])i[0]!, (string?)i[1]))),
                Sorted(foreignKeys.Select(f => new ForeignKeySchema((string[])f[0]!, (string)f[1]!, (string[])f[2]!, (string)f[3]!)))));
        }

        return new SchemaSnapshot(tables);
    }

    /// <summary>Every table in the file: a fresh SQLite database holds one module's tables and nothing else.</summary>
    public static async Task<SchemaSnapshot> ReadSqliteAsync(string connectionString)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        var tables = new List<TableSchema>();
        foreach (var table in await RowsAsync(connection, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name"))
        {
            var name = (string)table[0]!;
            if (IsMigrationInfrastructure(name))
            {
                continue;
            }

            // hidden: 2 and 3 mark generated columns; pk: the column's position in the primary key, 0 when not in it.
            var columns = await RowsAsync(connection, "SELECT name, type, \"notnull\", dflt_value, pk, hidden FROM pragma_table_xinfo(@p1) ORDER BY cid", name);
            tables.Add(new TableSchema(
                name,
                [.. columns.Select(c => new ColumnSchema(
                    (string)c[0]!,
                    // SQLite type names are case-insensitive declarations.
                    ((string)c[1]!).ToLowerInvariant(),
                    Nullable: (long)c[2]! == 0,
                    Default: (string?)c[3],
                    Generated: (long)c[5]! switch { 2 => "always as virtual", 3 => "always as stored", _ => null }))],
                [.. columns.Where(c => (long)c[4]! > 0).OrderBy(c => (long)c[4]!).Select(c => (string)c[0]!)],
                Sorted(await SqliteUniqueIndexesAsync(connection, name)),
                Sorted(await SqliteForeignKeysAsync(connection, name))));
        }

        return new SchemaSnapshot(tables);
    }

    private static async Task<List<UniqueIndexSchema>> SqliteUniqueIndexesAsync(SqliteConnection connection, string table)
    {
        var result = new List<UniqueIndexSchema>();
        foreach (var index in await RowsAsync(connection, "SELECT name, partial FROM pragma_index_list(@p1) WHERE \"unique\" = 1 AND origin <> 'pk'", table))
        {
            var name = (string)index[0]!;
            var columns = await RowsAsync(connection, "SELECT coalesce(name, '<expression>') FROM pragma_index_xinfo(@p1) WHERE key = 1 ORDER BY seqno", name);
            string? filter = null;
            if ((long)index[1]! == 1)
            {
                var sql = (string)(await RowsAsync(connection, "SELECT sql FROM sqlite_master WHERE type = 'index' AND name = @p1", name))[0][0]!;
                filter = sql[(sql.LastIndexOf(" WHERE ", StringComparison.OrdinalIgnoreCase) + " WHERE ".Length)..].Trim();
            }

            result.Add(new UniqueIndexSchema([.. columns.Select(c => (string)c[0]!)], filter));
        }

        return result;
    }

    private static async Task<List<ForeignKeySchema>> SqliteForeignKeysAsync(SqliteConnection connection, string table) =>
        [.. (await RowsAsync(connection, "SELECT id, \"table\", \"from\", \"to\", on_delete FROM pragma_foreign_key_list(@p1) ORDER BY id, seq", table))
            .GroupBy(row => (long)row[0]!)
            .Select(key => new ForeignKeySchema(
                [.. key.Select(row => (string)row[2]!)],
                (string)key.First()[1]!,
                // A foreign key declared without target columns points at the principal's primary key.
                [.. key.Select(row => (string?)row[3] ?? "<primary key>")],
                ((string)key.First()[4]!).ToLowerInvariant()))];

    /// <summary>Catalog order is an accident of creation; sorting keeps snapshots and messages stable.</summary>
    private static List<T> Sorted<T>(IEnumerable<T> items)
        where T : notnull => [.. items.OrderBy(item => item.ToString(), StringComparer.Ordinal)];

    private static async Task<List<object?[]>> RowsAsync(DbConnection connection, string sql, params object[] parameters)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var value in parameters)
        {
            var parameter = command.CreateParameter();
            if (connection is SqliteConnection)
            {
                parameter.ParameterName = $"@p{command.Parameters.Count + 1}";
            }

            parameter.Value = value;
            command.Parameters.Add(parameter);
        }

        var rows = new List<object?[]>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var row = new object?[reader.FieldCount];
            reader.GetValues(row!);
            rows.Add([.. row.Select(value => value is DBNull ? null : value)]);
        }

        return rows;
    }
}
