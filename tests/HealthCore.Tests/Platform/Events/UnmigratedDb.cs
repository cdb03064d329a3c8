using HealthCore.Platform.Database;
using HealthCore.Platform.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HealthCore.Tests.Platform.Events;

/// <summary>A module whose outbox table was never created, so every dispatch pass fails on it.</summary>
internal sealed class UnmigratedDb(DbContextOptions<UnmigratedDb> options, ICurrentTenant currentTenant) : ModuleDbContext(options, currentTenant)
{
    public override string Schema => "unmigrated";

    /// <summary>Registers the module first, so that it is dispatched before the modules that work.</summary>
    public static void AddFirst(IServiceCollection services)
    {
        services.AddModuleDb<UnmigratedDb>();
        var registration = services.Last(d => d.ServiceType == typeof(ModuleDbRegistration));
        services.Remove(registration);
        services.Insert(0, registration);
    }

    protected override void ConfigureModule(ModelBuilder modelBuilder)
    {
    }
}
