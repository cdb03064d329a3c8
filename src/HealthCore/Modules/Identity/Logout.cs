using System.ComponentModel.DataAnnotations;
using HealthCore.Platform.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace HealthCore.Modules.Identity;

internal sealed record LogoutRequest([Required, StringLength(200)] string RefreshToken);

internal static class Logout
{
    // Always 204: a token of someone else, or an unknown one, is left alone without saying so.
    public static async Task<NoContent> Handle(
        LogoutRequest request, IdentityDb db, ICurrentTenant currentTenant, TimeProvider clock, CancellationToken cancellationToken)
    {
        var hash = RefreshToken.Hash(request.RefreshToken);
        var token = await db.RefreshTokens.AsNoTracking()
            .SingleOrDefaultAsync(t => t.TokenHash == hash && t.UserId == currentTenant.UserId, cancellationToken);
        if (token is not null)
        {
            await Refresh.RevokeFamilyAsync(db, token.FamilyId, clock.GetUtcNow(), cancellationToken);
        }

        return TypedResults.NoContent();
    }
}
