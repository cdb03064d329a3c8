using HealthCore.Modules.Identity.Contracts;
using Microsoft.EntityFrameworkCore;

namespace HealthCore.Modules.Identity;

internal sealed class UserDirectory(IdentityDb db) : IUserDirectory
{
    public Task<bool> ExistsAsync(Guid userId, CancellationToken cancellationToken) => db.Users.AnyAsync(u => u.Id == userId, cancellationToken);

    // Roles and facilities are stored as lists in one column each: a tenant's active users are few enough to filter here.
    public async Task<IReadOnlyList<Guid>> ActiveUsersInRolesAsync(IReadOnlyCollection<string> roles, Guid facilityId, CancellationToken cancellationToken)
    {
        var active = await db.Users.AsNoTracking().Where(u => u.Active)
            .OrderBy(u => u.Id)
            .Select(u => new { u.Id, u.Roles, u.FacilityIds })
            .ToListAsync(cancellationToken);
        return [.. active.Where(u => u.Roles.Any(roles.Contains) && (u.FacilityIds.Length == 0 || u.FacilityIds.Contains(facilityId))).Select(u => u.Id)];
    }
}
