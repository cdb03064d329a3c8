using System.Linq.Expressions;
using HealthCore.Platform.Database;

namespace HealthCore.Platform.Events;

/// <summary>
/// Claims a batch of due messages for one dispatch pass with a <see cref="RowLease"/>, so that several dispatchers,
/// in one process or many, never work on the same message at the same time.
/// </summary>
internal static class OutboxLease
{
    public static Task<List<OutboxMessage>> ClaimAsync(
        ModuleDbContext db, Guid claim, DateTimeOffset now, TimeSpan lease, int batchSize, CancellationToken cancellationToken) =>
        RowLease.ClaimAsync(db, Due(now), claim, now, lease, batchSize, cancellationToken);

    public static Task ReleaseAsync(ModuleDbContext db, Guid claim, CancellationToken cancellationToken) =>
        RowLease.ReleaseAsync<OutboxMessage>(db, claim, cancellationToken);

    private static Expression<Func<OutboxMessage, bool>> Due(DateTimeOffset now) =>
        m => m.ProcessedAt == null && m.DeadLetteredAt == null && m.NextAttemptAt <= now;
}
