using HealthCore.Platform.Database;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HealthCore.Tests.Platform.Database;

/// <summary>One module's schema, built in a fresh database of its own either by its migrations or from its model.</summary>
internal static class ModuleSchemas
{
    public static Task<SchemaSnapshot> MigratedAsync(DatabaseProvider provider, Type contextType, Action<IServiceCollection>? configureServices = null) =>
        BuildAsync(provider, contextType, configureServices, db => db.Database.MigrateAsync());

    /// <summary>What EnsureCreated makes of the model: the schema the model expects (it needs an empty database).</summary>
    public static Task<SchemaSnapshot> FromModelAsync(DatabaseProvider provider, Type contextType, Action<IServiceCollection>? configureServices = null) =>
        BuildAsync(provider, contextType, configureServices, async db =>
        {
            if (!await db.Database.EnsureCreatedAsync())
            {
                throw new InvalidOperationException("EnsureCreated found tables in what should be a fresh database.");
            }
        });

    private static async Task<SchemaSnapshot> BuildAsync(
        DatabaseProvider provider, Type contextType, Action<IServiceCollection>? configureServices, Func<ModuleDbContext, Task> build)
    {
        await using var database = await ThrowawayDatabase.CreateAsync(provider, "schema");
        await using (var instance = database.Instance(configureServices))
        {
            var (scope, db) = instance.Context(contextType);
            await using (scope)
            {
                await build(db);
            }
        }

        return await SchemaReader.ReadAsync(provider, database.ConnectionString);
    }
}
