using HealthCore.Modules.Identity.Contracts;
using HealthCore.Platform.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace HealthCore.Modules.Identity;

internal sealed record MeResponse(
    MeUser User, MeTenant Tenant, IReadOnlyList<MeFacility> Facilities, IReadOnlyList<string> Roles, IReadOnlyList<string> Permissions);

internal sealed record MeUser(Guid Id, string Username, string DisplayName);

internal sealed record MeTenant(Guid Id, string Code, string Name);

internal sealed record MeFacility(Guid Id, string Code, string Name);

internal static class GetMe
{
    public static async Task<Results<Ok<MeResponse>, UnauthorizedProblem>> Handle(
        IdentityDb db, ICurrentTenant currentTenant, CancellationToken cancellationToken)
    {
        var user = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == currentTenant.UserId, cancellationToken);
        var tenant = await db.Tenants.AsNoTracking().SingleOrDefaultAsync(t => t.Id == currentTenant.TenantId, cancellationToken);
        if (user is null || tenant is null)
        {
            return UnauthorizedProblem.InvalidCredentials;
        }

        var facilities = await db.Facilities.AsNoTracking()
            .Where(f => user.FacilityIds.Contains(f.Id))
            .OrderBy(f => f.Code)
            .Select(f => new MeFacility(f.Id, f.Code, f.Name))
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(new MeResponse(
            new MeUser(user.Id, user.Username, user.DisplayName),
            new MeTenant(tenant.Id, tenant.Code, tenant.Name),
            facilities,
            user.Roles,
            [.. Permissions.ForRoles(user.Roles)]));
    }
}
