using HealthCore.Platform.Observability;
using Microsoft.Extensions.Options;

namespace HealthCore.Platform.Events;

/// <summary>Polls every module's outbox and delivers what is due; safe to run on several instances at once.</summary>
internal sealed partial class OutboxDispatcher(
    OutboxProcessor processor,
    OutboxBacklog backlog,
    IOptionsMonitor<EventOptions> options,
    TimeProvider clock,
    ILogger<OutboxDispatcher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.CurrentValue.Enabled)
        {
            LogDisabled();
            return;
        }

        var consecutiveFailures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            var claimed = 0;
            try
            {
                claimed = await processor.DispatchPendingAsync(stoppingToken);
                backlog.Current = await processor.CountBacklogAsync(stoppingToken);
                consecutiveFailures = 0;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                // A database outage or a broken outbox must not stop delivery for good; the next poll tries again,
                // backing off so an outage does not flood the log twice a second.
                LogPassFailed(exception);
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
        var poll = TimeSpan.FromMilliseconds(options.CurrentValue.PollIntervalMilliseconds);
        return consecutiveFailures == 0
            ? poll
            : TimeSpan.FromMilliseconds(Math.Min(30_000, poll.TotalMilliseconds * Math.Pow(2, Math.Min(consecutiveFailures, 16))));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "The outbox dispatcher is disabled on this instance (Events:Enabled=false)")]
    private partial void LogDisabled();

    [LoggerMessage(Level = LogLevel.Error, Message = "An outbox dispatch pass failed; retrying at the next poll")]
    private partial void LogPassFailed(Exception exception);
}
