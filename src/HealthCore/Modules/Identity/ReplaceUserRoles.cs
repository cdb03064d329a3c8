using System.ComponentModel.DataAnnotations;
using HealthCore.Modules.Identity.Contracts;
using HealthCore.Platform.Http;
using HealthCore.Platform.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace HealthCore.Modules.Identity;

internal sealed record ReplaceRolesRequest([Required, MinLength(1), MaxLength(UserAssignments.MaxRoles)] string[] Roles);

internal static class ReplaceUserRoles
{
    public static async Task<Results<Ok<UserResponse>, ValidationProblem, NotFoundProblem, ForbiddenProblem, ConflictProblem>> Handle(
        Guid id, ReplaceRolesRequest request, IdentityDb db, ICurrentTenant currentTenant, SecurityStamps stamps, HttpContext http,
        CancellationToken cancellationToken)
    {
        var (roles, invalid) = UserAssignments.CanonicalRoles(request.Roles);
        if (invalid is not null)
        {
            return invalid;
        }

        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == id, cancellationToken);
        if (user is null)
        {
            return NotFoundProblem.For("User", id);
        }

        if (UserAssignments.TouchesPlatformAdmin(user.Roles, roles) && !UserAssignments.IsPlatformAdmin(http.User))
        {
            return UserAssignments.PlatformAdminOnly;
        }

        if (user.Id == currentTenant.UserId && user.Roles.Contains(Roles.Admin) && !roles.Contains(Roles.Admin))
        {
            return new ConflictProblem(
                "You cannot remove your own Admin role.", "Ask another administrator of the tenant, so that the tenant is never left without one.");
        }

        if (!roles.ToHashSet().SetEquals(user.Roles))
        {
            user.Roles = roles;
            user.RenewSecurityStamp();
            db.AuditAs(user, "assign-roles");
            await db.SaveChangesAsync(cancellationToken);
            stamps.Forget(user.Id);
        }

        http.SetETag(user);
        return TypedResults.Ok(UserResponse.From(user));
    }
}
