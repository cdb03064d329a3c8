using System.Security.Cryptography;
using HealthCore.Modules.Identity.Contracts;
using HealthCore.Platform.Security;
using HealthCore.Platform.Seeding;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace HealthCore.Modules.Identity.Demo;

/// <summary>
/// Finds the demo tenant the bootstrap created and gives it a second site, so multi-facility views have data, and
/// accounts for the first demo doctors and nurses, so their notes have a signer. The accounts have a random password
/// nobody knows: an admin sets one (PUT /users/{id}) to sign in as them.
/// </summary>
internal sealed class IdentityDemoSeeder(IdentityDb db, CurrentTenant currentTenant, IPasswordHasher<User> hasher, TimeProvider clock) : IDemoSeeder
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

        await SeedStaffAsync(context, cancellationToken);
    }

    private async Task SeedStaffAsync(DemoSeedContext context, CancellationToken cancellationToken)
    {
        var ids = Enumerable.Range(0, DemoSeedContext.StaffWithAccounts).Select(i => context.IdFor("user", i)).ToArray();
        var existing = await db.Users.Where(u => ids.Contains(u.Id)).Select(u => u.Id).ToListAsync(cancellationToken);
        string? unknownPasswordHash = null;
        for (var i = 0; i < ids.Length; i++)
        {
            // The practitioners' seeder lays its staff out as two physicians, two nurses and a technician in every five.
            var role = (i % 5) switch { 0 or 1 => Roles.Doctor, 2 or 3 => Roles.Nurse, _ => null };
            if (role is null || existing.Contains(ids[i]))
            {
                continue;
            }

            var user = new User
            {
                Id = ids[i], TenantId = context.TenantId, DisplayName = $"Demo {role.ToLowerInvariant()} {i}", Roles = [role],
                FacilityIds = [.. context.FacilityIds], CreatedAt = clock.GetUtcNow(),
            };
            user.SetUsername($"demo.{role.ToLowerInvariant()}.{i}");
            unknownPasswordHash ??= hasher.HashPassword(user, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
            user.PasswordHash = unknownPasswordHash;
            db.Users.Add(user);
        }

        await db.SaveChangesAsync(cancellationToken);
    }
}
