using HealthCore.Platform.Auditing;
using HealthCore.Platform.Observability;

namespace HealthCore.Platform.Database;

internal sealed record ModuleDbRegistration(Type ContextType);

internal static class DatabaseSetup
{
    public static IServiceCollection AddPlatformDatabase(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DatabaseOptions>().Bind(configuration.GetSection(DatabaseOptions.Section));
        services.AddSingleton<DatabaseConnection>();
        services.AddSingleton<DbCommandMetrics>();
        services.AddSingleton<AuditEpoch>();
        services.AddSingleton<AuditInterceptor>();
        services.AddSingleton<StatementBatching>();
        services.AddSingleton<ReadAuditLog>();
        services.AddHostedService(provider => provider.GetRequiredService<ReadAuditLog>());
        services.AddScoped<MigrationRunner>();
        services.AddModuleDb<PlatformDb>();
        return services;
    }

    /// <summary>Registers a module's DbContext; the migration runner and the outbox dispatcher pick it up from here.</summary>
    public static IServiceCollection AddModuleDb<TDb>(this IServiceCollection services)
        where TDb : ModuleDbContext
    {
        services.AddDbContext<TDb>((provider, options) => provider.GetRequiredService<DatabaseConnection>()
            .Configure(options, provider.GetRequiredService<DbCommandMetrics>(), provider.GetRequiredService<AuditInterceptor>(),
            provider.GetRequiredService<StatementBatching>()));
        services.AddSingleton(new ModuleDbRegistration(typeof(TDb)));
        return services;
    }

    public static async Task MigrateDatabasesAsync(this IServiceProvider services, CancellationToken cancellationToken = default)
    {
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<MigrationRunner>().MigrateAsync(cancellationToken);
    }
}
