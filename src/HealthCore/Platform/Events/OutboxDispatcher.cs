using HealthCore.Platform.Background;
using HealthCore.Platform.Observability;
using Microsoft.Extensions.Options;

namespace HealthCore.Platform.Events;

/// <summary>Polls every module's outbox and delivers what is due; safe to run on several instances at once.</summary>
internal sealed class OutboxDispatcher(
    OutboxProcessor processor,
    OutboxBacklog backlog,
    IOptionsMonitor<EventOptions> options,
    TimeProvider clock,
    ILogger<OutboxDispatcher> logger) : PollingWorker(clock, logger)
{
    protected override string Name => "outbox dispatcher";

    protected override string EnabledSetting => $"{EventOptions.Section}:{nameof(EventOptions.Enabled)}";

    protected override bool Enabled => options.CurrentValue.Enabled;

    protected override TimeSpan PollInterval => TimeSpan.FromMilliseconds(options.CurrentValue.PollIntervalMilliseconds);

    protected override async Task<int> RunPassAsync(CancellationToken cancellationToken)
    {
        var claimed = await processor.DispatchPendingAsync(cancellationToken);
        backlog.Current = await processor.CountBacklogAsync(cancellationToken);
        return claimed;
    }
}
