using Microsoft.Extensions.DependencyInjection.Extensions;

namespace HealthCore.Platform.Events;

internal static class EventsSetup
{
    public static IServiceCollection AddIntegrationEvents(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<EventOptions>()
            .Bind(configuration.GetSection(EventOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton<OutboxProcessor>();
        services.AddHostedService<OutboxDispatcher>();
        return services;
    }

    /// <summary>Subscribes a handler (scoped, one scope per delivery) to an integration event published by another module.</summary>
    public static IServiceCollection AddIntegrationEventHandler<TEvent, THandler>(this IServiceCollection services)
        where TEvent : class
        where THandler : class, IIntegrationEventHandler<TEvent>
    {
        var subscription = IntegrationEventSubscription.For<TEvent, THandler>();
        var alreadySubscribed = services.Any(d => d.ImplementationInstance is IntegrationEventSubscription existing
            && existing.EventType == subscription.EventType
            && existing.Handler == subscription.Handler);
        if (!alreadySubscribed)
        {
            services.TryAddScoped<THandler>();
            services.AddSingleton(subscription);
        }

        return services;
    }
}
