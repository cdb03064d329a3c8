using System.Threading.Channels;
using HealthCore.Platform.Database;

namespace HealthCore.Platform.Auditing;

/// <summary>
/// Group commit for read records: every audited read waits until its record is committed (no record, no data), but the
/// reads that arrive together share one multi-row insert and one commit (one WAL flush instead of one per read). No
/// lock is taken: records carry no position until the sealer gives them one. One writer drains the queue; a batch
/// that fails fails every read in it.
/// </summary>
internal sealed class ReadAuditLog(IServiceScopeFactory scopes, ILogger<ReadAuditLog> logger) : BackgroundService
{
    private const int MaxBatch = 256;

    private readonly Channel<PendingRead> queue = Channel.CreateUnbounded<PendingRead>(new UnboundedChannelOptions { SingleReader = true });

    /// <summary>Completes when the record is committed to its tenant's log.</summary>
    public Task RecordAsync(AuditEvent read, CancellationToken cancellationToken)
    {
        var pending = new PendingRead(read, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        if (!queue.Writer.TryWrite(pending))
        {
            throw new InvalidOperationException("The service is stopping; reads can no longer be audited.");
        }

        return pending.Committed.Task.WaitAsync(cancellationToken);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        queue.Writer.TryComplete();
        await base.StopAsync(cancellationToken);
    }

    // Drains until the queue is completed (not until stoppingToken): reads already queued are still written on shutdown.
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<PendingRead>(MaxBatch);
        while (await queue.Reader.WaitToReadAsync(CancellationToken.None))
        {
            while (batch.Count < MaxBatch && queue.Reader.TryRead(out var pending))
            {
                batch.Add(pending);
            }

            await WriteAsync(batch);
            batch.Clear();
        }
    }

    private async Task WriteAsync(List<PendingRead> batch)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<PlatformDb>();
            foreach (var pending in batch)
            {
                db.PendingAudit.Add(pending.Read);
            }

            await db.SaveChangesAsync(CancellationToken.None);
            batch.ForEach(pending => pending.Committed.TrySetResult());
        }
        catch (Exception exception)
        {
            logger.LogError(exception, "Could not write {Count} read audit records", batch.Count);
            batch.ForEach(pending => pending.Committed.TrySetException(exception));
        }
    }

    private sealed record PendingRead(AuditEvent Read, TaskCompletionSource Committed);
}
