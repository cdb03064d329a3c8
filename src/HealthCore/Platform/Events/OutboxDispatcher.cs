using Microsoft.Extensions.Options;

namespace HealthCore.Platform.Events;

/// <summary>Polls every module's outbox and delivers what is due; safe to run on several instances at once.</summary>
internal sealed partial class OutboxDispatcher(
    OutboxProcessor processor,
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

        while (!stoppingToken.IsCancellationRequested)
        {
            var claimed = 0;
            try
            {
                claimed = await processor.DispatchPendingAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                // A database outage or a broken outbox must not stop delivery for good; the next poll tries again.
                LogPassFailed(exception);
            }

            if (claimed > 0)
            {
                continue;
            }

            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(options.CurrentValue.PollIntervalMilliseconds), clock, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "The outbox dispatcher is disabled on this instance (Events:Enabled=false)")]
    private partial void LogDisabled();

    [LoggerMessage(Level = LogLevel.Error, Message = "An outbox dispatch pass failed; retrying at the next poll")]
    private partial void LogPassFailed(Exception exception);
}
