using HealthCore.Modules.Identity.Contracts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Mvc;

namespace HealthCore.Modules.Identity;

/// <summary>
/// A 403 for a missing permission says which one (<c>missingPermission</c>), so an integrator can ask for the right
/// role instead of guessing; every other authorization outcome is the framework's.
/// </summary>
internal sealed class PermissionDeniedResponses(IProblemDetailsService problemDetails) : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler fallback = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        var missing = authorizeResult.Forbidden
            ? authorizeResult.AuthorizationFailure?.FailedRequirements.OfType<PermissionRequirement>().Select(r => r.Permission).FirstOrDefault()
            : null;
        if (missing is null)
        {
            await fallback.HandleAsync(next, context, policy, authorizeResult);
            return;
        }

        // Challenge/forbid through the scheme first, as the default does, so its headers still apply.
        if (policy.AuthenticationSchemes.Count == 0)
        {
            await context.ForbidAsync();
        }

        foreach (var scheme in policy.AuthenticationSchemes)
        {
            await context.ForbidAsync(scheme);
        }

        await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status403Forbidden,
                Title = "The permission this request needs is missing.",
                Detail = $"The user's roles do not grant '{missing}'.",
                Extensions = { ["missingPermission"] = missing },
            },
        });
    }
}
