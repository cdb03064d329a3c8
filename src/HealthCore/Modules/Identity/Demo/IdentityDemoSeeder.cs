using HealthCore.Platform.Security;
using HealthCore.Platform.Seeding;
using Microsoft.EntityFrameworkCore;

namespace HealthCore.Modules.Identity.Demo;

/// <summary>Finds the demo tenant the bootstrap created and gives it a second site, so multi-facility views have data.</summary>
internal sealed class IdentityDemoSeeder(IdentityDb db, CurrentTenant currentTenant, TimeProvider clock) : IDemoSeeder
{
    public async Task SeedAsync(DemoSeedContext context, CancellationToken cancellationToken)
    {
        var tenant = await db.Tenants.SingleOrDefaultAsync(t => t.Code == IdentityBootstrap.TenantCode, cancellationToken);
        if (tenant is null)
        {
            return;
        }

        context.TenantId = tenant.Id;
        currentTenant.ActAs(tenant.Id, null);
        var eastId = context.IdFor("facility", 1);
        var facilities = db.Facilities.IgnoreQueryFilters().Where(f => f.TenantId == tenant.Id);
        if (!await facilities.AnyAsync(f => f.Id == eastId, cancellationToken))
        {
            db.Facilities.Add(new Facility
            {
                Id = eastId, TenantId = tenant.Id, Code = "east", Name = "Eastside Clinic", TimeZone = "America/New_York", CreatedAt = clock.GetUtcNow(),
            });
            await db.SaveChangesAsync(cancellationToken);
        }

        var ordered = await facilities.OrderBy(f => f.Code == "main" ? 0 : 1).ThenBy(f => f.Code)
            .Select(f => new { f.Id, f.TimeZone }).ToListAsync(cancellationToken);
        context.FacilityIds.AddRange(ordered.Select(f => f.Id));
        foreach (var facility in ordered)
        {
            context.FacilityTimeZones[facility.Id] = facility.TimeZone;
        }
    }
}
