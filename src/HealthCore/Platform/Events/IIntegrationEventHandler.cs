namespace HealthCore.Platform.Events;

/// <summary>
/// Handles an integration event published by another module. Delivery is at least once; the dispatcher records
/// each handler's success so a handler that succeeded is not called again when a sibling handler is retried.
/// </summary>
internal interface IIntegrationEventHandler<in TEvent>
    where TEvent : class
{
    Task HandleAsync(TEvent integrationEvent, IntegrationEventContext context, CancellationToken cancellationToken);
}

internal sealed record IntegrationEventContext(Guid MessageId, Guid? TenantId, DateTimeOffset OccurredAt, int Attempt);
