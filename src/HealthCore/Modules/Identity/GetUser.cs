using HealthCore.Platform.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace HealthCore.Modules.Identity;

internal static class GetUser
{
    public static async Task<Results<Ok<UserResponse>, NotFoundProblem>> Handle(
        Guid id, IdentityDb db, HttpContext http, CancellationToken cancellationToken)
    {
        var user = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == id, cancellationToken);
        if (user is null)
        {
            return NotFoundProblem.For("User", id);
        }

        http.SetETag(user);
        return TypedResults.Ok(UserResponse.From(user));
    }
}
