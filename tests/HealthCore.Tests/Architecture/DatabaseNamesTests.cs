using HealthCore.Platform.Database;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;

namespace HealthCore.Tests.Architecture;

/// <summary>
/// All modules share one SQLite file, which has no schemas and one namespace for tables and indexes; on PostgreSQL
/// each module needs a schema of its own, which also holds its migration history.
/// </summary>
public sealed class DatabaseNamesTests
{
    [Fact]
    public async Task Table_and_index_names_are_unique_across_modules_and_every_module_has_its_own_schema()
    {
        var connectionString = TestDatabases.CreateSqlite("names");
        try
        {
            await using var instance = new ServiceInstance(DatabaseProvider.Sqlite, connectionString);
            var objects = new List<(string Module, string Name)>();
            var schemas = new List<(string Module, string Name)>();
            foreach (var module in RegisteredModules.ContextTypes)
            {
                var (scope, db) = instance.Context(module);
                await using (scope)
                {
                    schemas.Add((module.Name, db.Schema));
                    objects.AddRange(SqliteObjects(db).Select(name => (module.Name, name)));
                }
            }

            RegisteredModules.ContextTypes.Count.ShouldBeGreaterThanOrEqualTo(2, "the platform and the probe module at least");
            objects.ShouldContain((nameof(PlatformDb), "__migrations_platform"));
            objects.ShouldContain(("ProbeDb", "probe_notes"));
            objects.ShouldContain(("ProbeDb", "ix_probe_notes_tenant_id"));
            SharedNames.Find(objects).ShouldBeEmpty("SQLite keeps tables and indexes of all modules in one namespace");
            SharedNames.Find(schemas).ShouldBeEmpty("each module owns its schema and migration history");
        }
        finally
        {
            TestDatabases.DeleteSqlite(connectionString);
        }
    }

    [Fact]
    public void Names_used_by_more_than_one_module_are_reported() =>
        SharedNames.Find([("Admissions", "beds"), ("Admissions", "ix_beds_ward_id"), ("Beds", "beds"), ("Beds", "wards"), ("Wards", "beds"), ("Admissions", "admissions")])
            .ShouldBe(["beds: Admissions, Beds, Wards"]);

    [Fact]
    public void A_module_mapping_two_entities_to_one_table_is_not_a_clash() =>
        SharedNames.Find([("Admissions", "admissions"), ("Admissions", "admissions")]).ShouldBeEmpty();

    /// <summary>The database objects a module creates in the shared SQLite namespace: tables, indexes and its history table.</summary>
    private static IEnumerable<string> SqliteObjects(ModuleDbContext db)
    {
        // Tables mapped but excluded from a module's migrations (the audit trail every module appends to) belong to another module.
        foreach (var entity in db.GetService<IDesignTimeModel>().Model.GetEntityTypes().Where(entity => !entity.IsTableExcludedFromMigrations()))
        {
            if (entity.GetTableName() is { } table)
            {
                yield return table;
            }

            foreach (var index in entity.GetIndexes())
            {
                yield return index.GetDatabaseName()!;
            }
        }

        yield return RelationalOptionsExtension.Extract(db.GetService<IDbContextOptions>()).MigrationsHistoryTableName!;
    }
}

internal static class SharedNames
{
    /// <summary>Each name that more than one module uses, with the modules using it.</summary>
    public static IReadOnlyList<string> Find(IEnumerable<(string Module, string Name)> names) =>
        [.. names
            .GroupBy(entry => entry.Name, StringComparer.OrdinalIgnoreCase)
            .Select(group => (Name: group.Key, Modules: group.Select(entry => entry.Module).Distinct().Order().ToList()))
            .Where(group => group.Modules.Count > 1)
            .OrderBy(group => group.Name)
            .Select(group => $"{group.Name}: {string.Join(", ", group.Modules)}")];
}
