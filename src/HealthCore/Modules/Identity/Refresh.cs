using System.ComponentModel.DataAnnotations;
using HealthCore.Platform.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace HealthCore.Modules.Identity;

internal sealed record RefreshRequest([Required, StringLength(200)] string RefreshToken);

internal static class Refresh
{
    public static async Task<Results<Ok<TokenResponse>, UnauthorizedProblem>> Handle(
        RefreshRequest request, IdentityDb db, CurrentTenant currentTenant, AccessTokens tokens, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var hash = RefreshToken.Hash(request.RefreshToken);
        var presented = await db.RefreshTokens.IgnoreQueryFilters().AsNoTracking()
            .SingleOrDefaultAsync(t => t.TokenHash == hash, cancellationToken);
        if (presented is null || presented.RevokedAt is not null || presented.ExpiresAt <= now)
        {
            return UnauthorizedProblem.InvalidRefreshToken;
        }

        currentTenant.ActAs(presented.TenantId, presented.UserId);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (!db.IsSqlite)
        {
            // Requests racing with one token queue here, so the losers revoke the family one after another instead of
            // deadlocking on its rows (SQLite transactions already hold the database write lock).
            await db.Database.ExecuteSqlAsync(
                $"SELECT 1 FROM \"identity\".\"refresh_tokens\" WHERE id = {presented.Id} FOR UPDATE", cancellationToken);
        }


        // Spending is a compare-and-set: of two requests racing with one token, only one gets a new token; the other
        // is treated as the reuse of a spent token.
        var spent = presented.SpentAt is null && await db.RefreshTokens
            .Where(t => t.Id == presented.Id && t.SpentAt == null && t.RevokedAt == null)
            .ExecuteUpdateAsync(set => set.SetProperty(t => t.SpentAt, now), cancellationToken) == 1;
        if (!spent)
        {
            // A spent token presented again means it was copied: whoever holds the family (thief or owner) loses it.
            await RevokeFamilyAsync(db, presented.FamilyId, now, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return UnauthorizedProblem.InvalidRefreshToken;
        }

        var user = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == presented.UserId, cancellationToken);
        if (user is not { Active: true } || !await db.Tenants.AnyAsync(t => t.Id == user.TenantId && t.Active, cancellationToken))
        {
            await RevokeFamilyAsync(db, presented.FamilyId, now, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return UnauthorizedProblem.InvalidRefreshToken;
        }

        var (response, next) = tokens.Issue(user, presented.FamilyId);
        db.RefreshTokens.Add(next);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Ok(response);
    }

    public static Task RevokeFamilyAsync(IdentityDb db, Guid familyId, DateTimeOffset now, CancellationToken cancellationToken) =>
        db.RefreshTokens.IgnoreQueryFilters().Where(t => t.FamilyId == familyId && t.RevokedAt == null)
            .ExecuteUpdateAsync(set => set.SetProperty(t => t.RevokedAt, now), cancellationToken);

    public static Task RevokeAllForUserAsync(IdentityDb db, Guid userId, DateTimeOffset now, CancellationToken cancellationToken) =>
        db.RefreshTokens.Where(t => t.UserId == userId && t.RevokedAt == null)
            .ExecuteUpdateAsync(set => set.SetProperty(t => t.RevokedAt, now), cancellationToken);
}
