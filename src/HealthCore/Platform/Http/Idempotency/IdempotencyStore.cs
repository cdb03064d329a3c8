using HealthCore.Platform.Database;
using Microsoft.EntityFrameworkCore;

namespace HealthCore.Platform.Http.Idempotency;

internal enum ClaimOutcome
{
    /// <summary>This request owns the key now and must run.</summary>
    Claimed,

    /// <summary>The key finished earlier with the same body: replay the stored response.</summary>
    Replay,

    /// <summary>The key is held by a request that has not finished yet (on this or another instance).</summary>
    InProgress,

    /// <summary>The key was used with a different body.</summary>
    Mismatch,
}

internal sealed record Claim(ClaimOutcome Outcome, IdempotencyRecord? Existing = null);

/// <summary>
/// The database side of idempotency keys. The primary key (scope, key) is the lock: whoever inserts the in-flight
/// row first owns the key, on any number of instances. Every step is its own short statement, never part of the
/// handler's unit of work, so the claim is visible to other requests while the handler runs.
/// </summary>
/// <remarks>
/// The claim is INSERT ... ON CONFLICT DO NOTHING (PostgreSQL and SQLite spell it alike) rather than catching a
/// primary-key violation from SaveChanges: EF logs every failed SaveChanges as an error with a stack trace, and a
/// retried request is normal traffic, not an error.
/// </remarks>
internal sealed class IdempotencyStore(PlatformDb db, TimeProvider clock, TimeSpan lifetime)
{
    private const int MaxClaimAttempts = 3;

    public async Task<Claim> ClaimAsync(string scope, string key, string requestHash, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < MaxClaimAttempts; attempt++)
        {
            var now = clock.GetUtcNow();
            if (await TryInsertAsync(scope, key, requestHash, now, cancellationToken))
            {
                return new Claim(ClaimOutcome.Claimed);
            }

            var existing = await Find(scope, key).AsNoTracking().SingleOrDefaultAsync(cancellationToken);
            if (existing is null)
            {
                continue; // released by its owner in the meantime
            }

            if (existing.ExpiresAt <= now)
            {
                await Find(scope, key).Where(r => r.ExpiresAt <= now).ExecuteDeleteAsync(cancellationToken);
                continue;
            }

            return new Claim(
                existing.RequestHash != requestHash ? ClaimOutcome.Mismatch
                : existing.Completed ? ClaimOutcome.Replay
                : ClaimOutcome.InProgress,
                existing);
        }

        // The key kept changing hands under us: report it as busy rather than run the request unguarded.
        return new Claim(ClaimOutcome.InProgress);
    }

    /// <summary>Stores the response of a claimed request. Runs even if the caller has gone: the work is done and a retry must see it.</summary>
    public Task CompleteAsync(string scope, string key, string requestHash, StoredResponse response) =>
        Owned(scope, key, requestHash).ExecuteUpdateAsync(
            set => set
                .SetProperty(r => r.Completed, true)
                .SetProperty(r => r.StatusCode, response.StatusCode)
                .SetProperty(r => r.ContentType, response.ContentType)
                .SetProperty(r => r.Location, response.Location)
                .SetProperty(r => r.Body, response.Body),
            CancellationToken.None);

    /// <summary>Gives the key back (after an exception or a response not worth keeping) so the client may retry with it.</summary>
    public Task ReleaseAsync(string scope, string key, string requestHash) =>
        Owned(scope, key, requestHash).ExecuteDeleteAsync(CancellationToken.None);

    public Task DeleteExpiredAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        return db.IdempotencyRecords.Where(r => r.ExpiresAt <= now).ExecuteDeleteAsync(cancellationToken);
    }

    private IQueryable<IdempotencyRecord> Find(string scope, string key) =>
        db.IdempotencyRecords.Where(r => r.Scope == scope && r.Key == key);

    private IQueryable<IdempotencyRecord> Owned(string scope, string key, string requestHash) =>
        Find(scope, key).Where(r => r.RequestHash == requestHash && !r.Completed);

    private Task<bool> TryInsertAsync(string scope, string key, string requestHash, DateTimeOffset now, CancellationToken cancellationToken) =>
        db.InsertIfAbsentAsync(
            new IdempotencyRecord
            {
                Scope = scope,
                Key = key,
                RequestHash = requestHash,
                Completed = false,
                CreatedAt = now,
                ExpiresAt = now + lifetime,
            },
            cancellationToken);
}

internal sealed record StoredResponse(int StatusCode, string? ContentType, string? Location, byte[] Body);
