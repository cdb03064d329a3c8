using Microsoft.AspNetCore.Authorization;

namespace HealthCore.Modules.Identity.Contracts;

/// <summary>Met when the user's roles grant the permission through the <see cref="Permissions"/> table.</summary>
internal sealed record PermissionRequirement(string Permission) : IAuthorizationRequirement;

internal static class PermissionAuthorization
{
    /// <summary>Requires an authenticated user whose roles grant <paramref name="permission"/>: 401 without a valid token, 403 without the permission.</summary>
    public static TBuilder RequirePermission<TBuilder>(this TBuilder builder, string permission)
        where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(new AuthorizationPolicyBuilder()
            .RequireAuthenticatedUser()
            .AddRequirements(new PermissionRequirement(permission))
            .Build());
}
