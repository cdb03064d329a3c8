using System.Security.Claims;
using HealthCore.Modules.Identity.Contracts;
using HealthCore.Platform.Http;
using HealthCore.Platform.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace HealthCore.Modules.Identity;

/// <summary>The rules for what a user can be given: known roles, facilities of the tenant, and who may grant PlatformAdmin.</summary>
internal static class UserAssignments
{
    public const int MaxRoles = 10;
    public const int MaxFacilities = 100;

    public static ForbiddenProblem PlatformAdminOnly { get; } = new(
        "Only a platform administrator can grant, remove or change the PlatformAdmin role.",
        "Users holding PlatformAdmin, and the role itself, are managed by platform administrators; tenant administrators manage every other role.");

    /// <summary>The roles under their canonical names (matched without regard to case), de-duplicated; or a 400 naming roles.</summary>
    public static (string[] Roles, ValidationProblem? Invalid) CanonicalRoles(IEnumerable<string> requested)
    {
        var roles = new List<string>();
        var unknown = new List<string>();
        foreach (var name in requested)
        {
            var role = Roles.All.FirstOrDefault(known => string.Equals(known, name?.Trim(), StringComparison.OrdinalIgnoreCase));
            if (role is null)
            {
                unknown.Add(name ?? "null");
            }
            else if (!roles.Contains(role))
            {
                roles.Add(role);
            }
        }

        return unknown.Count == 0
            ? ([.. roles], null)
            : ([], FieldErrors.Invalid("roles", $"Unknown role(s): {string.Join(", ", unknown)}. Known roles: {string.Join(", ", Roles.All)}."));
    }

    /// <summary>
    /// The ids de-duplicated when each names an active facility of the current tenant; otherwise a 400 naming
    /// facilityIds (another tenant's facility is as unknown as one that does not exist).
    /// </summary>
    public static async Task<(Guid[] Ids, ValidationProblem? Invalid)> TenantFacilitiesAsync(
        IdentityDb db, IEnumerable<Guid> requested, CancellationToken cancellationToken)
    {
        var ids = requested.Distinct().ToArray();
        var found = await db.Facilities.Where(f => ids.Contains(f.Id) && f.Active).Select(f => f.Id).ToListAsync(cancellationToken);
        var missing = ids.Except(found).ToList();
        return missing.Count == 0
            ? (ids, null)
            : ([], FieldErrors.Invalid("facilityIds", $"No active facility of this tenant has the id(s) {string.Join(", ", missing)}."));
    }

    /// <summary>
    /// What <see cref="FacilityAccess.Claim"/> carries: Admins and PlatformAdmins, and users assigned to no facility, act
    /// tenant-wide; everyone else only in the facilities they are assigned to.
    /// </summary>
    public static string[] FacilityClaim(User user) =>
        user.FacilityIds.Length == 0 || user.Roles.Contains(Roles.Admin) || user.Roles.Contains(Roles.PlatformAdmin)
            ? [FacilityAccess.EveryFacility]
            : [.. user.FacilityIds.Select(id => id.ToString())];

    public static bool IsPlatformAdmin(ClaimsPrincipal caller) =>
        caller.FindAll(AccessTokens.RoleClaim).Any(claim => claim.Value == Roles.PlatformAdmin);

    /// <summary>Whether the change touches PlatformAdmin (the user holds it, or would) and so needs a platform administrator.</summary>
    public static bool TouchesPlatformAdmin(IEnumerable<string> current, IEnumerable<string> requested) =>
        current.Contains(Roles.PlatformAdmin) || requested.Contains(Roles.PlatformAdmin);
}
