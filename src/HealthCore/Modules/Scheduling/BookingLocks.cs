using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;

namespace HealthCore.Modules.Scheduling;

/// <summary>
/// Transaction-scoped locks on things that have no row of their own to lock (a patient's diary, a practitioner's shift
/// roster, a resource's schedules). On PostgreSQL they are advisory locks released at commit or rollback; SQLite needs
/// none, because its write transactions (BEGIN IMMEDIATE) already run one at a time.
/// </summary>
/// <remarks>
/// Lock order, to stay free of deadlocks: these blocking locks first, then slot rows (one resource's in time order), then
/// the one audited SaveChanges at the end (it takes the tenant's audit chain head, which every audited write of the tenant
/// waits for, so it is held only for the save and the commit). Locks taken later only ever use <see cref="TryLockAsync"/>.
/// </remarks>
internal static class BookingLocks
{
    public const int Patient = 0x5C4E_0001;
    public const int Practitioner = 0x5C4E_0002;
    public const int Resource = 0x5C4E_0003;
    public const int WaitlistEntry = 0x5C4E_0004;

    public static async Task LockAsync(SchedulingDb db, int kind, string key, CancellationToken cancellationToken)
    {
        if (RequiresLock(db))
        {
            await db.Database.ExecuteSqlRawAsync("SELECT pg_advisory_xact_lock({0}, {1})", [kind, KeyOf(key)], cancellationToken);
        }
    }

    public static Task LockAsync(SchedulingDb db, int kind, Guid id, CancellationToken cancellationToken) =>
        LockAsync(db, kind, id.ToString("N"), cancellationToken);

    /// <summary>
    /// Takes the lock in the round trip of the next query of <paramref name="db"/>, before that query runs (so the query
    /// sees what the lock's previous holder committed); the caller must run a query next.
    /// </summary>
    public static void LockWithNextQuery(SchedulingDb db, int kind, Guid id)
    {
        if (RequiresLock(db))
        {
            // Both numbers are computed here, never user text; a DO block because the lock function's void result set
            // would otherwise be the one the query's reader sees first.
            db.StatementBeforeNextQuery = $"DO $$BEGIN PERFORM pg_advisory_xact_lock({kind}, {KeyOf(id.ToString("N"))}); END$$";
        }
    }

    /// <summary>Takes the lock only if nobody holds it, like SKIP LOCKED: false means "someone else is working on it".</summary>
    public static async Task<bool> TryLockAsync(SchedulingDb db, int kind, Guid id, CancellationToken cancellationToken)
    {
        if (!RequiresLock(db))
        {
            return true;
        }

        var taken = await db.Database
            .SqlQueryRaw<bool>("SELECT pg_try_advisory_xact_lock({0}, {1}) AS \"Value\"", kind, KeyOf(id.ToString("N")))
            .ToListAsync(cancellationToken);
        return taken.Single();
    }

    private static bool RequiresLock(SchedulingDb db)
    {
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("Booking locks are transaction-scoped; begin a transaction first.");
        }

        return !db.IsSqlite;
    }

    // Two keys that collide only make two unrelated bookings wait for each other; they never let a conflict through.
    private static int KeyOf(string key) => BinaryPrimitives.ReadInt32LittleEndian(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
}
