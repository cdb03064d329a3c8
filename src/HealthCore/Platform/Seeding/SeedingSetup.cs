using HealthCore.Platform.Commands;

namespace HealthCore.Platform.Seeding;

internal static class SeedingSetup
{
    public static IServiceCollection AddDemoSeeding(this IServiceCollection services)
    {
        services.AddSingleton<DemoSeed>();
        return services.AddServiceCommand<SeedDemoCommand>();
    }

    public static IServiceCollection AddDemoSeeder<TSeeder>(this IServiceCollection services, int order)
        where TSeeder : class, IDemoSeeder
    {
        services.AddScoped<TSeeder>();
        return services.AddSingleton(new DemoSeederRegistration(typeof(TSeeder), order));
    }
}
