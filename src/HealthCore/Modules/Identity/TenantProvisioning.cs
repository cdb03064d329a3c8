using HealthCore.Platform.Database;
using HealthCore.Platform.Security;
using Microsoft.AspNetCore.Identity;

namespace HealthCore.Modules.Identity;

/// <summary>What a new tenant starts with: its first facility and its first administrator (whose password is already checked).</summary>
internal sealed record NewTenant(
    string Code, string Name, CreateFacilityRequest Facility, string AdminUsername, string AdminDisplayName, string AdminPassword,
    string[] AdminRoles);

/// <summary>
/// Creates a tenant with its first facility and administrator in one SaveChanges, so one transaction: the bootstrap's
/// demo tenant and POST /tenants both come through here. The rows are stamped with (and audited in the chain of) the
/// new tenant, not the caller's; the actor is the caller, or the new administrator when there is none (bootstrap).
/// </summary>
internal sealed class TenantProvisioning(IdentityDb db, CurrentTenant currentTenant, IPasswordHasher<User> hasher, TimeProvider clock)
{
    /// <summary>The created rows, or null when the tenant code is taken (also when a concurrent request took it first).</summary>
    public async Task<(Tenant Tenant, Facility Facility, User Admin)?> ProvisionAsync(NewTenant request, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var tenant = new Tenant { Code = Tenant.NormalizeCode(request.Code), Name = request.Name.Trim(), CreatedAt = now };
        var facility = request.Facility.ToFacility(TenantSettingsRules.DefaultTimeZone, now);
        var admin = new User
        {
            DisplayName = request.AdminDisplayName.Trim(),
            Roles = request.AdminRoles,
            FacilityIds = [facility.Id],
            CreatedAt = now,
        };
        admin.SetUsername(request.AdminUsername);
        admin.PasswordHash = hasher.HashPassword(admin, request.AdminPassword);

        using (currentTenant.ActingFor(tenant.Id, currentTenant.UserId ?? admin.Id))
        {
            db.AddRange(tenant, facility, admin);
            if (!await db.SaveUnlessDuplicateAsync(cancellationToken))
            {
                return null;
            }
        }

        return (tenant, facility, admin);
    }
}
