using System.Reflection;
using HealthCore.Platform.Http;
using Microsoft.AspNetCore.Http.Metadata;

namespace HealthCore.Modules.Identity;

/// <summary>401 for a failed login or refresh. Deliberately says nothing about which part was wrong.</summary>
internal sealed class UnauthorizedProblem(string title, string detail)
    : ApiProblem(StatusCodes.Status401Unauthorized, title, detail, null), IEndpointMetadataProvider
{
    public static UnauthorizedProblem InvalidCredentials => new(
        "Invalid credentials.", "The tenant, username or password is wrong, or the account cannot sign in right now.");

    public static UnauthorizedProblem InvalidRefreshToken => new(
        "Invalid refresh token.", "The refresh token is unknown, expired, revoked or already used; sign in again.");

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) => Declare(builder, StatusCodes.Status401Unauthorized);
}
