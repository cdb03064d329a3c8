using HealthCore.Platform.Seeding;

namespace HealthCore.Modules.Laboratory.Demo;

/// <summary>The demo tenant's catalogue is the starter catalogue, loaded at seeding rather than at its first use.</summary>
internal sealed class LaboratoryDemoSeeder(StarterCatalogLoader starter) : IDemoSeeder
{
    public Task SeedAsync(DemoSeedContext context, CancellationToken cancellationToken) => starter.EnsureLoadedAsync(cancellationToken);
}
