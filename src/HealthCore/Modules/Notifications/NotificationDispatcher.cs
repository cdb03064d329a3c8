using HealthCore.Platform.Background;
using Microsoft.Extensions.Options;

namespace HealthCore.Modules.Notifications;

/// <summary>Runs the notification sender in the background; safe to run on several instances at once.</summary>
internal sealed class NotificationDispatcher(
    NotificationProcessor processor,
    IOptionsMonitor<NotificationOptions> options,
    TimeProvider clock,
    ILogger<NotificationDispatcher> logger) : PollingWorker(clock, logger)
{
    protected override string Name => "notification sender";

    protected override string EnabledSetting => $"{NotificationOptions.Section}:{nameof(NotificationOptions.Enabled)}";

    protected override bool Enabled => options.CurrentValue.Enabled;

    protected override TimeSpan PollInterval => TimeSpan.FromMilliseconds(options.CurrentValue.PollIntervalMilliseconds);

    protected override Task<int> RunPassAsync(CancellationToken cancellationToken) => processor.SendDueAsync(cancellationToken);
}
