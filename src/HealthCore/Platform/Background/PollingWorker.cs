namespace HealthCore.Platform.Background;

/// <summary>
/// A background loop over work kept in the database (the outbox, queued notifications): runs a pass, and when the
/// pass found nothing to do, waits for the poll interval. A failed pass (a database outage) never stops the loop;
/// the wait grows after consecutive failures so an outage does not flood the log.
/// </summary>
internal abstract partial class PollingWorker(TimeProvider clock, ILogger logger) : BackgroundService
{
    private const double MaxFailurePauseMilliseconds = 30_000;

    /// <summary>Names the worker and the setting that turns it off, for the log.</summary>
    protected abstract string Name { get; }

    protected abstract string EnabledSetting { get; }

    protected abstract bool Enabled { get; }

    protected abstract TimeSpan PollInterval { get; }

    /// <summary>One pass; returns how many items it claimed, so a busy worker goes straight on to the next pass.</summary>
    protected abstract Task<int> RunPassAsync(CancellationToken cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!Enabled)
        {
            LogDisabled(Name, EnabledSetting);
            return;
        }

        var consecutiveFailures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            var claimed = 0;
            try
            {
                claimed = await RunPassAsync(stoppingToken);
                consecutiveFailures = 0;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                LogPassFailed(exception, Name);
                consecutiveFailures++;
            }

            if (claimed > 0)
            {
                continue;
            }

            try
            {
                await Task.Delay(PauseAfter(consecutiveFailures), clock, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    private TimeSpan PauseAfter(int consecutiveFailures)
    {
        var poll = PollInterval;
        return consecutiveFailures == 0
            ? poll
            : TimeSpan.FromMilliseconds(Math.Min(MaxFailurePauseMilliseconds, poll.TotalMilliseconds * Math.Pow(2, Math.Min(consecutiveFailures, 16))));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "The {Worker} is disabled on this instance ({Setting}=false)")]
    private partial void LogDisabled(string worker, string setting);

    [LoggerMessage(Level = LogLevel.Error, Message = "A {Worker} pass failed; retrying at the next poll")]
    private partial void LogPassFailed(Exception exception, string worker);
}
