using System.ComponentModel.DataAnnotations;
using HealthCore.Platform.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace HealthCore.Modules.Identity;

internal sealed record LoginRequest(
    [Required, StringLength(50)] string Tenant,
    [Required, StringLength(100)] string Username,
    [Required, StringLength(PasswordPolicy.MaximumLength)] string Password);

internal static class Login
{
    // Verifying against a throwaway hash when there is no user to check keeps the response time from telling
    // "no such user" apart from "wrong password".
    private static readonly Lazy<string> DecoyHash = new(() =>
        new PasswordHasher<User>().HashPassword(new User { DisplayName = "" }, Guid.NewGuid().ToString()));

    public static async Task<Results<Ok<TokenResponse>, UnauthorizedProblem>> Handle(
        LoginRequest request, IdentityDb db, CurrentTenant currentTenant, AccessTokens tokens,
        IPasswordHasher<User> hasher, TimeProvider clock, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var code = Tenant.NormalizeCode(request.Tenant);
        var tenant = await db.Tenants.AsNoTracking().SingleOrDefaultAsync(t => t.Code == code && t.Active, cancellationToken);
        if (tenant is null)
        {
            return Decoy(hasher, request.Password);
        }

        currentTenant.ActAs(tenant.Id, null);
        var normalized = User.Normalize(request.Username);
        var user = await db.Users.SingleOrDefaultAsync(u => u.NormalizedUsername == normalized, cancellationToken);
        if (user is not { Active: true })
        {
            return Decoy(hasher, request.Password);
        }

        // A locked account answers exactly like a wrong password, so lockout reveals nothing, and it does not
        // even look at the password, so guessing during the lockout is useless.
        if (user.IsLockedOut(now))
        {
            return Decoy(hasher, request.Password);
        }

        var verified = hasher.VerifyHashedPassword(user, user.PasswordHash, request.Password);
        if (verified == PasswordVerificationResult.Failed)
        {
            await LoginFailures.RecordAsync(db, user.Id, tokens.Options, now, cancellationToken);
            return UnauthorizedProblem.InvalidCredentials;
        }

        currentTenant.ActAs(tenant.Id, user.Id);
        await LoginFailures.ResetAsync(db, user.Id, cancellationToken);
        if (verified == PasswordVerificationResult.SuccessRehashNeeded)
        {
            user.PasswordHash = hasher.HashPassword(user, request.Password);
        }

        var (response, refreshToken) = tokens.Issue(user, familyId: Guid.CreateVersion7());
        db.RefreshTokens.Add(refreshToken);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(response);
    }

    private static UnauthorizedProblem Decoy(IPasswordHasher<User> hasher, string password)
    {
        hasher.VerifyHashedPassword(new User { DisplayName = "" }, DecoyHash.Value, password);
        return UnauthorizedProblem.InvalidCredentials;
    }
}
