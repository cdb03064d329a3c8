namespace HealthCore.Platform.Seeding;

/// <summary>
/// A module's share of the demo data. Seeders run in ascending <see cref="DemoSeederRegistration.Order"/>, each in its
/// own scope acting for the demo tenant, and must be idempotent: the ids they use come from
/// <see cref="DemoSeedContext.IdFor"/>, so a second run finds what the first one wrote.
/// </summary>
internal interface IDemoSeeder
{
    Task SeedAsync(DemoSeedContext context, CancellationToken cancellationToken);
}

internal sealed record DemoSeederRegistration(Type SeederType, int Order);

internal static class DemoSeederOrder
{
    public const int Tenant = 0;
    public const int Staff = 100;
    public const int Patients = 200;
    public const int Activity = 300;
}
