using HealthCore.Platform.Database;
using Microsoft.Extensions.DependencyInjection;

namespace HealthCore.Tests.Support;

/// <summary>
/// The module DbContexts the service registers (plus the test modules), read from a built instance of the service,
/// so that per-module tests cover a new module as soon as it calls AddModuleDb.
/// </summary>
internal static class RegisteredModules
{
    private static readonly Lazy<IReadOnlyList<Type>> Discovered = new(Discover);

    public static IReadOnlyList<Type> ContextTypes => Discovered.Value;

    public static Type Named(string name) => ContextTypes.Single(type => type.Name == name);

    private static List<Type> Discover()
    {
        var connectionString = TestDatabases.CreateSqlite("modules");
        try
        {
            using var instance = new ServiceInstance(DatabaseProvider.Sqlite, connectionString);
            var types = instance.Services.GetServices<ModuleDbRegistration>().Select(module => module.ContextType).ToList();
            if (types.Select(type => type.Name).Distinct().Count() != types.Count)
            {
                throw new InvalidOperationException($"Module DbContext names must be unique: {string.Join(", ", types)}");
            }

            return types;
        }
        finally
        {
            TestDatabases.DeleteSqlite(connectionString);
        }
    }
}
