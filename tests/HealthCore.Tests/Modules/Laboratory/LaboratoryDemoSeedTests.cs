using HealthCore.Modules.Laboratory;
using HealthCore.Modules.Laboratory.Demo;
using HealthCore.Platform.Database;
using HealthCore.Platform.Security;
using HealthCore.Platform.Seeding;
using HealthCore.Tests.Modules.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HealthCore.Tests.Modules.Laboratory;

/// <summary>The demo tenant has the starter catalogue and its demo orders worked (abnormal, critical acknowledged, corrected) once however often the seed runs.</summary>
public sealed class LaboratoryDemoSeedTests
{
    [Theory]
    [InlineData(nameof(DatabaseProvider.Sqlite))]
    [InlineData(nameof(DatabaseProvider.Postgres))]
    public async Task Seeding_the_demo_tenant_loads_the_starter_catalogue_once_and_works_the_demo_orders(string provider)
    {
        var databaseProvider = Enum.Parse<DatabaseProvider>(provider);
        await using var database = await ThrowawayDatabase.CreateAsync(databaseProvider, "lab-demo-seed");
        using var instance = new ServiceInstance(databaseProvider, database.ConnectionString);
        await instance.Services.MigrateDatabasesAsync();
        await BootstrapTests.Bootstrapper(instance, "Lab-Demo-Seed-Operator-Passphrase-7").RunAsync(CancellationToken.None);
        var seed = instance.Services.GetRequiredService<DemoSeed>();

        (await seed.RunAsync(5, CancellationToken.None)).ShouldBeTrue();
        var first = await CatalogAsync(instance);
        await SeedLaboratoryAgainAsync(instance, first.Tenant);

        first.Codes.Count.ShouldBe(StarterCatalog.Shipped.Tests!.Length);
        first.Codes.ShouldContain("58410-2");
        first.Loads.ShouldBe(1);
        var again = await CatalogAsync(instance);
        (again.Tenant, again.Loads).ShouldBe((first.Tenant, 1));
        again.Codes.ShouldBe(first.Codes);

        var work = await WorkAsync(instance);
        work.Requests.ShouldBeGreaterThanOrEqualTo(3, "the demo's encounters get laboratory orders");
        work.Abnormal.ShouldBeGreaterThan(0);
        work.CriticalAcknowledged.ShouldBe(1);
        work.Corrected.ShouldBe(1);
        await SeedResultsAgainAsync(instance, first.Tenant);
        (await WorkAsync(instance)).ShouldBe(work, "a rerun adds nothing");
    }

    private static async Task SeedResultsAgainAsync(ServiceInstance instance, Guid tenant)
    {
        await using var scope = instance.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentTenant>().ActAs(tenant, null);
        await scope.ServiceProvider.GetRequiredService<LabResultsDemoSeeder>().SeedAsync(new DemoSeedContext(5) { TenantId = tenant }, CancellationToken.None);
    }

    private static async Task<(int Requests, int Reports, int Abnormal, int CriticalAcknowledged, int Corrected)> WorkAsync(ServiceInstance instance)
    {
        var (scope, context) = instance.Context(typeof(LaboratoryDb));
        await using (scope)
        {
            var db = (LaboratoryDb)context;
            return (
                await db.Requests.IgnoreQueryFilters().CountAsync(),
                await db.Reports.IgnoreQueryFilters().CountAsync(),
                await db.Results.IgnoreQueryFilters().CountAsync(r => r.Interpretation != null && r.Interpretation != LabResultInterpretation.Normal),
                await db.CriticalAlerts.IgnoreQueryFilters().CountAsync(a => a.Status == LabCriticalStatus.Acknowledged),
                await db.Reports.IgnoreQueryFilters().CountAsync(r => r.Status == LabReportStatus.Corrected));
        }
    }

    // The whole demo seed takes minutes on a busy machine; the rerun that proves idempotency needs only this module's seeder.
    private static async Task SeedLaboratoryAgainAsync(ServiceInstance instance, Guid tenant)
    {
        await using var scope = instance.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentTenant>().ActAs(tenant, null);
        await scope.ServiceProvider.GetRequiredService<LaboratoryDemoSeeder>().SeedAsync(new DemoSeedContext(5) { TenantId = tenant }, CancellationToken.None);
    }

    private static async Task<(Guid Tenant, List<string> Codes, int Loads)> CatalogAsync(ServiceInstance instance)
    {
        var (scope, context) = instance.Context(typeof(LaboratoryDb));
        await using (scope)
        {
            var db = (LaboratoryDb)context;
            var tests = await db.Tests.IgnoreQueryFilters().ToListAsync();
            return (tests.Select(t => t.TenantId).Distinct().Single(), [.. tests.Select(t => t.Code).Order(StringComparer.Ordinal)],
                await db.StarterCatalogLoads.IgnoreQueryFilters().CountAsync());
        }
    }
}
