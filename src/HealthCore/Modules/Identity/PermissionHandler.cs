using HealthCore.Modules.Identity.Contracts;
using Microsoft.AspNetCore.Authorization;

namespace HealthCore.Modules.Identity;

internal sealed class PermissionHandler : AuthorizationHandler<PermissionRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, PermissionRequirement requirement)
    {
        var roles = context.User.FindAll(AccessTokens.RoleClaim).Select(claim => claim.Value);
        if (Permissions.ForRoles(roles).Contains(requirement.Permission))
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}
