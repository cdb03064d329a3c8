using System.Globalization;
using System.Text.RegularExpressions;
using HealthCore.Platform.Database;
using HealthCore.Tests.Support.Probe;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace HealthCore.Tests.Platform.Database;

/// <summary>
/// Instants must order and compare in the database the same way on both providers: fixed-width UTC text on SQLite,
/// timestamptz on PostgreSQL, for DateTimeOffset and DateTimeOffset? alike.
/// </summary>
public sealed partial class InstantStorageTests
{
    // Chosen so that any other text form sorts them wrongly: across year boundaries, with 1 to 7 fractional digits
    // (".5" vs ".05"), and with offsets whose local time is in another year than the UTC instant.
    private static readonly DateTimeOffset[] Instants =
    [
        new(1999, 12, 31, 23, 59, 59, TimeSpan.Zero),
        Instant("1999-12-31T23:59:59.9999999Z"),
        Instant("2000-01-01T00:00:00.0000001Z"),
        Instant("2026-12-31T23:59:59.05Z"),
        Instant("2026-12-31T23:59:59.5Z"),
        Instant("2027-01-01T08:00:00.5+14:00"),   // 2026-12-31T18:00:00.5Z: a local year later, UTC-wise earlier
        Instant("2026-12-31T20:00:00-05:00"),     // 2027-01-01T01:00:00Z: a local year earlier, UTC-wise later
        Instant("2027-01-01T00:00:00Z"),
        Instant("2027-01-01T00:00:00.123Z"),
        Instant("2100-03-01T09:30:15.1234567Z"),
        Instant("0001-01-01T00:00:00.0000011Z"),
    ];

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{7}Z$")]
    private static partial Regex FixedWidthUtc();

    [Fact]
    public async Task On_SQLite_instants_are_stored_as_fixed_width_UTC_text_that_sorts_like_the_instants()
    {
        await using var database = await ThrowawayDatabase.CreateAsync(DatabaseProvider.Sqlite, "instants");
        await using var instance = database.Instance();
        await SaveNotesAsync(instance);

        await using var connection = new SqliteConnection(database.ConnectionString);
        await connection.OpenAsync();
        var createdAt = await TextsAsync(connection, "SELECT created_at FROM probe_notes WHERE due_at IS NOT NULL ORDER BY created_at");
        var dueAt = await TextsAsync(connection, "SELECT due_at FROM probe_notes WHERE due_at IS NOT NULL ORDER BY due_at");
        var nullDueAt = await TextsAsync(connection, "SELECT typeof(due_at) FROM probe_notes WHERE due_at IS NULL OR typeof(due_at) <> 'text'");

        var expected = Instants.Select(i => Stored(i).UtcDateTime).Order().Select(i => i.ToString("yyyy-MM-ddTHH:mm:ss.fffffffZ", CultureInfo.InvariantCulture)).ToList();
        createdAt.ShouldAllBe(text => FixedWidthUtc().IsMatch(text));
        createdAt.ShouldBe(expected);
        dueAt.ShouldAllBe(text => FixedWidthUtc().IsMatch(text));
        dueAt.ShouldBe(expected, "DateTimeOffset? is converted like DateTimeOffset");
        nullDueAt.ShouldBe(["null"], "a null instant stays NULL");
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task Queries_order_and_compare_instants_in_the_database_as_instants(string provider)
    {
        await using var database = await ThrowawayDatabase.CreateAsync(Enum.Parse<DatabaseProvider>(provider), "instants");
        await using var instance = database.Instance();
        var tenant = await SaveNotesAsync(instance);
        var (scope, db) = instance.Context(typeof(ProbeDb));
        await using var _ = scope;
        var notes = ((ProbeDb)db).Notes.IgnoreQueryFilters().AsNoTracking().Where(n => n.TenantId == tenant);
        var cutoff = Instant("2027-01-01T00:00:00Z");

        var timed = notes.Where(n => n.DueAt != null);
        var byCreatedAt = await timed.OrderBy(n => n.CreatedAt).Select(n => n.CreatedAt).ToListAsync();
        var dueDescending = await notes.Where(n => n.DueAt != null).OrderByDescending(n => n.DueAt).Select(n => n.DueAt!.Value).ToListAsync();
        var before = await timed.Where(n => n.CreatedAt < cutoff).Select(n => n.CreatedAt).ToListAsync();
        var dueBefore = await notes.Where(n => n.DueAt < cutoff).Select(n => n.DueAt!.Value).ToListAsync();

        var stored = Instants.Select(Stored).ToList();
        byCreatedAt.ShouldBe([.. stored.Order()]);
        byCreatedAt.ShouldAllBe(i => i.Offset == TimeSpan.Zero);
        dueDescending.ShouldBe([.. stored.OrderDescending()]);
        before.Order().ShouldBe([.. stored.Where(i => i < cutoff).Order()]);
        dueBefore.Order().ShouldBe([.. stored.Where(i => i < cutoff).Order()]);
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task Both_providers_keep_instants_to_the_microsecond_truncated_towards_the_past(string provider)
    {
        await using var database = await ThrowawayDatabase.CreateAsync(Enum.Parse<DatabaseProvider>(provider), "instants");
        await using var instance = database.Instance();
        await instance.Services.MigrateDatabasesAsync();
        var tenant = Guid.CreateVersion7();
        var beforeEpoch = Instant("1999-12-31T23:59:59.9999999Z");
        var afterEpoch = Instant("2100-03-01T09:30:15.1234567+02:00");
        var (scope, db) = instance.Context(typeof(ProbeDb));
        await using (scope)
        {
            db.Add(new ProbeNote { Title = "precision", TenantId = tenant, CreatedAt = beforeEpoch, DueAt = afterEpoch });
            await db.SaveChangesAsync();
        }

        (scope, db) = instance.Context(typeof(ProbeDb));
        await using (scope)
        {
            var note = await ((ProbeDb)db).Notes.IgnoreQueryFilters().SingleAsync(n => n.TenantId == tenant);
            note.CreatedAt.UtcDateTime.ShouldBe(new DateTime(1999, 12, 31, 23, 59, 59, 999, 999, DateTimeKind.Utc));
            note.DueAt!.Value.UtcDateTime.ShouldBe(new DateTime(2100, 3, 1, 7, 30, 15, 123, 456, DateTimeKind.Utc));
            note.CreatedAt.Offset.ShouldBe(TimeSpan.Zero);
            note.DueAt.Value.Offset.ShouldBe(TimeSpan.Zero);

            // The same truncation applies to query parameters, so the value as written still finds its row.
            (await ((ProbeDb)db).Notes.IgnoreQueryFilters().CountAsync(n => n.TenantId == tenant && n.CreatedAt == beforeEpoch && n.DueAt == afterEpoch))
                .ShouldBe(1);
        }
    }

    [Theory]
    [InlineData("Sqlite", "text")]
    [InlineData("Postgres", "timestamp with time zone")]
    public async Task Every_instant_property_of_every_module_has_the_instant_column_type(string provider, string storeType)
    {
        var databaseProvider = Enum.Parse<DatabaseProvider>(provider);
        await using var database = await ThrowawayDatabase.CreateAsync(databaseProvider, "instant-columns");
        await using var instance = database.Instance();
        await instance.Services.MigrateDatabasesAsync();
        var schema = await SchemaReader.ReadAsync(databaseProvider, database.ConnectionString);

        var checkedColumns = new List<string>();
        foreach (var module in RegisteredModules.ContextTypes)
        {
            var (scope, db) = instance.Context(module);
            await using (scope)
            {
                foreach (var entity in db.Model.GetEntityTypes())
                {
                    var tableName = databaseProvider == DatabaseProvider.Postgres ? $"{entity.GetSchema()}.{entity.GetTableName()}" : entity.GetTableName()!;
                    foreach (var property in entity.GetProperties().Where(p => (Nullable.GetUnderlyingType(p.ClrType) ?? p.ClrType) == typeof(DateTimeOffset)))
                    {
                        var column = schema.Table(tableName)?.Column(property.GetColumnName());
                        column.ShouldNotBeNull($"{tableName}.{property.GetColumnName()}");
                        column.StoreType.ShouldBe(storeType, $"{tableName}.{column.Name}");
                        column.Nullable.ShouldBe(property.IsNullable, $"{tableName}.{column.Name}");
                        if (databaseProvider == DatabaseProvider.Sqlite)
                        {
                            property.GetTypeMapping().Converter?.ProviderClrType.ShouldBe(typeof(string), $"{tableName}.{column.Name} is stored through the text converter");
                        }

                        checkedColumns.Add($"{tableName}.{column.Name}");
                    }
                }
            }
        }

        checkedColumns.ShouldContain(provider == "Postgres" ? "probe.probe_notes.due_at" : "probe_notes.due_at");
        checkedColumns.ShouldContain(provider == "Postgres" ? "probe.probe_notes.created_at" : "probe_notes.created_at");
    }

    private static async Task<Guid> SaveNotesAsync(ServiceInstance instance)
    {
        await instance.Services.MigrateDatabasesAsync();
        var tenant = Guid.CreateVersion7();
        var (scope, db) = instance.Context(typeof(ProbeDb));
        await using (scope)
        {
            // Inserted in an order unrelated to time, plus one note without a due date.
            foreach (var instant in Instants.OrderBy(i => i.Ticks % 7919).ThenBy(i => i.Ticks))
            {
                db.Add(new ProbeNote { Title = "instant", TenantId = tenant, CreatedAt = instant, DueAt = instant });
            }

            db.Add(new ProbeNote { Title = "no due date", TenantId = tenant, CreatedAt = Instants[0], DueAt = null });
            await db.SaveChangesAsync();
        }

        return tenant;
    }

    /// <summary>What the database keeps: the UTC instant truncated to whole microseconds.</summary>
    private static DateTimeOffset Stored(DateTimeOffset instant) => new(instant.UtcTicks - (instant.UtcTicks % 10), TimeSpan.Zero);

    private static DateTimeOffset Instant(string iso) => DateTimeOffset.Parse(iso, CultureInfo.InvariantCulture);

    private static async Task<List<string>> TextsAsync(SqliteConnection connection, string sql)
    {
        await using var command = new SqliteCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var values = new List<string>();
        while (await reader.ReadAsync())
        {
            values.Add(reader.GetString(0));
        }

        return values;
    }
}
