using Microsoft.EntityFrameworkCore;

namespace HealthCore.Modules.Identity;

/// <summary>
/// Failed-attempt counting and lockout as single UPDATE statements: parallel guesses cannot lose increments,
/// and the counters never bump the user's version (they are not edits an ETag should see).
/// </summary>
internal static class LoginFailures
{
    public static async Task RecordAsync(IdentityDb db, Guid userId, AuthOptions options, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await db.Users.Where(u => u.Id == userId)
            .ExecuteUpdateAsync(set => set.SetProperty(u => u.FailedLoginCount, u => u.FailedLoginCount + 1), cancellationToken);
        var lockedUntil = now + options.LockoutDuration;
        await db.Users.Where(u => u.Id == userId && u.FailedLoginCount >= options.LockoutThreshold)
            .ExecuteUpdateAsync(set => set.SetProperty(u => u.LockoutEnd, lockedUntil).SetProperty(u => u.FailedLoginCount, 0), cancellationToken);
    }

    public static Task ResetAsync(IdentityDb db, Guid userId, CancellationToken cancellationToken) =>
        db.Users.Where(u => u.Id == userId && (u.FailedLoginCount != 0 || u.LockoutEnd != null))
            .ExecuteUpdateAsync(set => set.SetProperty(u => u.FailedLoginCount, 0).SetProperty(u => u.LockoutEnd, (DateTimeOffset?)null), cancellationToken);
}
