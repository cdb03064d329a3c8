using System.Text.Json;

namespace HealthCore.Platform.Events;

/// <summary>One handler subscribed to one event type, able to deserialize the outbox payload and call the handler.</summary>
internal sealed class IntegrationEventSubscription
{
    public const int MaxHandlerLength = 300;

    private readonly Func<IServiceProvider, string, IntegrationEventContext, CancellationToken, Task> invoke;

    private IntegrationEventSubscription(
        string eventType, string handler, Func<IServiceProvider, string, IntegrationEventContext, CancellationToken, Task> invoke)
    {
        EventType = eventType;
        Handler = handler;
        this.invoke = invoke;
    }

    public string EventType { get; }

    /// <summary>The name receipts are recorded under; renaming a handler type makes it receive retried messages again.</summary>
    public string Handler { get; }

    public static IntegrationEventSubscription For<TEvent, THandler>()
        where TEvent : class
        where THandler : class, IIntegrationEventHandler<TEvent>
    {
        var handler = typeof(THandler).FullName ?? typeof(THandler).Name;
        if (handler.Length > MaxHandlerLength)
        {
            throw new InvalidOperationException($"Handler name {handler} is longer than {MaxHandlerLength} characters.");
        }

        return new(EventTypeName.Of(typeof(TEvent)), handler, (services, payload, context, cancellationToken) =>
        {
            var integrationEvent = JsonSerializer.Deserialize<TEvent>(payload, EventSerialization.Options)
                ?? throw new JsonException($"The payload of message {context.MessageId} is null.");
            return services.GetRequiredService<THandler>().HandleAsync(integrationEvent, context, cancellationToken);
        });
    }

    public Task InvokeAsync(IServiceProvider services, string payload, IntegrationEventContext context, CancellationToken cancellationToken) =>
        invoke(services, payload, context, cancellationToken);
}
