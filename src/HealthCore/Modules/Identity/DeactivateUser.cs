using HealthCore.Platform.Http;
using HealthCore.Platform.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace HealthCore.Modules.Identity;

internal static class DeactivateUser
{
    public static async Task<Results<Ok<UserResponse>, NotFoundProblem, ForbiddenProblem, ConflictProblem>> Handle(
        Guid id, IdentityDb db, ICurrentTenant currentTenant, SecurityStamps stamps, TimeProvider clock, HttpContext http,
        CancellationToken cancellationToken)
    {
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == id, cancellationToken);
        if (user is null)
        {
            return NotFoundProblem.For("User", id);
        }

        if (user.Id == currentTenant.UserId)
        {
            return new ConflictProblem("You cannot deactivate yourself.", "Ask another administrator of the tenant, so that someone can still sign in to manage it.");
        }

        if (UserAssignments.TouchesPlatformAdmin(user.Roles, []) && !UserAssignments.IsPlatformAdmin(http.User))
        {
            return UserAssignments.PlatformAdminOnly;
        }

        if (user.Active)
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            user.Active = false;
            user.RenewSecurityStamp();
            db.AuditAs(user, "deactivate");
            await db.SaveChangesAsync(cancellationToken);
            await Refresh.RevokeAllForUserAsync(db, user.Id, clock.GetUtcNow(), cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            stamps.Forget(user.Id);
        }

        http.SetETag(user);
        return TypedResults.Ok(UserResponse.From(user));
    }
}
