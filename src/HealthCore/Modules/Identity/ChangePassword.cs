using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using HealthCore.Platform.Http;
using HealthCore.Platform.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace HealthCore.Modules.Identity;

internal sealed record ChangePasswordRequest(
    [Required, StringLength(PasswordPolicy.MaximumLength)] string CurrentPassword,
    [Required, NewPassword][property: Description(PasswordPolicy.Rule)] string NewPassword);

internal static class ChangePassword
{
    public static async Task<Results<NoContent, ValidationProblem, UnauthorizedProblem>> Handle(
        ChangePasswordRequest request, IdentityDb db, ICurrentTenant currentTenant, AccessTokens tokens, SecurityStamps stamps,
        IPasswordHasher<User> hasher, TimeProvider clock, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == currentTenant.UserId, cancellationToken);
        if (user is null)
        {
            return UnauthorizedProblem.InvalidCredentials;
        }

        // A stolen access token must not become a way around the login lockout: wrong guesses count here too.
        if (user.IsLockedOut(now) || hasher.VerifyHashedPassword(user, user.PasswordHash, request.CurrentPassword) == PasswordVerificationResult.Failed)
        {
            if (!user.IsLockedOut(now))
            {
                await LoginFailures.RecordAsync(db, user.Id, tokens.Options, now, cancellationToken);
            }

            return FieldErrors.Invalid("currentPassword", "The current password is incorrect.");
        }

        if (PasswordPolicy.Check(request.NewPassword, user.Username) is { } weakness)
        {
            return FieldErrors.Invalid("newPassword", weakness);
        }

        if (request.NewPassword == request.CurrentPassword)
        {
            return FieldErrors.Invalid("newPassword", "The new password must differ from the current one.");
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        user.PasswordHash = hasher.HashPassword(user, request.NewPassword);
        user.RenewSecurityStamp();
        await db.SaveChangesAsync(cancellationToken);
        await Refresh.RevokeAllForUserAsync(db, user.Id, now, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        stamps.Forget(user.Id);
        return TypedResults.NoContent();
    }
}
