using HealthCore.Modules.Notifications.Contracts;
using Microsoft.Extensions.Options;

namespace HealthCore.Modules.Notifications;

/// <summary>Picks each channel's provider: a gateway registered for it, else Notifications:Providers, else the environment's default.</summary>
internal sealed class NotificationChannels(
    IServiceProvider services, IOptionsMonitor<NotificationOptions> options, IHostEnvironment environment, ILoggerFactory loggers)
{
    private readonly SmtpEmailChannel smtp = new(options, environment, toFiles: false);
    private readonly SmtpEmailChannel files = new(options, environment, toFiles: true);
    private readonly LogChannel log = new(loggers.CreateLogger<LogChannel>());
    private readonly UnconfiguredChannel none = new();

    public INotificationChannel For(NotificationChannel channel) =>
        services.GetKeyedService<INotificationChannel>(channel) ?? ProviderFor(channel) switch
        {
            ChannelProvider.Smtp => smtp,
            ChannelProvider.File => files,
            ChannelProvider.Log => log,
            _ => none,
        };

    public ChannelProvider ProviderFor(NotificationChannel channel)
    {
        var settings = options.CurrentValue;
        return settings.Providers.For(channel) ?? (environment.IsDevelopment()
            ? channel == NotificationChannel.Email ? ChannelProvider.File : ChannelProvider.Log
            : channel == NotificationChannel.Email && !string.IsNullOrWhiteSpace(settings.Smtp.Host) ? ChannelProvider.Smtp : ChannelProvider.None);
    }
}
