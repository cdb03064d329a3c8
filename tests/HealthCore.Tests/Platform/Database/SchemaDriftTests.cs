using HealthCore.Platform.Database;
using HealthCore.Tests.Support.Probe;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.Extensions.DependencyInjection;

namespace HealthCore.Tests.Platform.Database;

/// <summary>
/// Per module and provider: a database built by the module's migrations equals the database its model would create.
/// Hand-written migrations have no model snapshot, so this is what catches a model change without a migration.
/// </summary>
public sealed class SchemaDriftTests
{
    public static TheoryData<string, string> ModulesAndProviders()
    {
        var data = new TheoryData<string, string>();
        foreach (var module in RegisteredModules.ContextTypes)
        {
            foreach (var provider in Enum.GetNames<DatabaseProvider>())
            {
                data.Add(module.Name, provider);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ModulesAndProviders))]
    public async Task The_schema_built_by_the_migrations_equals_the_schema_of_the_model(string module, string provider)
    {
        var contextType = RegisteredModules.Named(module);
        var databaseProvider = Enum.Parse<DatabaseProvider>(provider);

        var model = await ModuleSchemas.FromModelAsync(databaseProvider, contextType);
        var migrated = await ModuleSchemas.MigratedAsync(databaseProvider, contextType);

        // Guards against a reader that sees nothing, which would make any two databases look equal.
        var expectedTables = await ModelTablesAsync(databaseProvider, contextType);
        model.Tables.Select(t => t.Name).Order().ShouldBe(expectedTables, ignoreOrder: false, customMessage: $"tables EnsureCreated made for {module}:\n{model}");
        model.Tables.ShouldAllBe(t => t.Columns.Count > 0 && t.PrimaryKey.Count > 0);

        var differences = SchemaComparer.Compare(model, migrated);
        differences.ShouldBeEmpty(
            $"{module} on {provider}: the migrations do not build the schema the model expects. Add a migration.\n"
            + string.Join("\n", differences)
            + $"\n\nModel:\n{model}\n\nMigrated:\n{migrated}");
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task A_property_added_to_the_model_without_a_migration_is_reported(string provider)
    {
        var databaseProvider = Enum.Parse<DatabaseProvider>(provider);
        var table = databaseProvider == DatabaseProvider.Postgres ? $"{ProbeDb.SchemaName}.probe_notes" : "probe_notes";

        var model = await ModuleSchemas.FromModelAsync(databaseProvider, typeof(ProbeDb), services =>
            services.ConfigureDbContext<ProbeDb>(options => options.ReplaceService<IModelCustomizer, ProbeNotesWithReviewer>()));
        var migrated = await ModuleSchemas.MigratedAsync(databaseProvider, typeof(ProbeDb));

        SchemaComparer.Compare(model, migrated).ShouldBe([$"column {table}.reviewed_by: in the model but missing from the migrated database"]);
    }

    private static async Task<List<string>> ModelTablesAsync(DatabaseProvider provider, Type contextType)
    {
        await using var database = await ThrowawayDatabase.CreateAsync(provider, "model");
        await using var instance = database.Instance();
        var (scope, db) = instance.Context(contextType);
        await using (scope)
        {
            // Tables mapped but excluded from this module's migrations (the audit trail) belong to another module.
            return [.. db.GetService<IDesignTimeModel>().Model.GetEntityTypes()
                .Where(entity => !entity.IsTableExcludedFromMigrations())
                .Select(entity => provider == DatabaseProvider.Postgres ? $"{entity.GetSchema()}.{entity.GetTableName()}" : entity.GetTableName()!)
                .Distinct()
                .Order()];
        }
    }

    /// <summary>The probe's model plus one property that no migration adds.</summary>
    private sealed class ProbeNotesWithReviewer(ModelCustomizerDependencies dependencies) : RelationalModelCustomizer(dependencies)
    {
        public override void Customize(ModelBuilder modelBuilder, DbContext context)
        {
            base.Customize(modelBuilder, context);
            modelBuilder.Entity<ProbeNote>().Property<string>("ReviewedBy").HasColumnName("reviewed_by").HasMaxLength(100);
        }
    }
}
