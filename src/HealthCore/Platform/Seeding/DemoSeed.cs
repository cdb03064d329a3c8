using HealthCore.Platform.Security;

namespace HealthCore.Platform.Seeding;

/// <summary>Runs every module's demo seeder in order for the demo tenant.</summary>
internal sealed partial class DemoSeed(IServiceProvider services, IEnumerable<DemoSeederRegistration> seeders, ILogger<DemoSeed> logger)
{
    public async Task<bool> RunAsync(int patientCount, CancellationToken cancellationToken)
    {
        var context = new DemoSeedContext(patientCount);
        foreach (var registration in seeders.OrderBy(s => s.Order))
        {
            await using var scope = services.CreateAsyncScope();
            if (context.TenantId != Guid.Empty)
            {
                scope.ServiceProvider.GetRequiredService<CurrentTenant>().ActAs(context.TenantId, null);
            }

            await ((IDemoSeeder)scope.ServiceProvider.GetRequiredService(registration.SeederType)).SeedAsync(context, cancellationToken);
            if (context.TenantId == Guid.Empty)
            {
                LogNoDemoTenant();
                return false;
            }

            LogSeeded(registration.SeederType.Name);
        }

        return true;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "There is no demo tenant to seed: start the service once with Bootstrap:AdminPassword set.")]
    private partial void LogNoDemoTenant();

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo data: {Seeder} done.")]
    private partial void LogSeeded(string seeder);
}
