using HealthCore.Platform.Database;
using HealthCore.Platform.Events;
using Microsoft.Extensions.DependencyInjection;

namespace HealthCore.Tests.Support.Probe;

internal static class ProbeInbox
{
    public static IServiceCollection AddProbeInbox(this IServiceCollection services)
    {
        services.AddModuleDb<ProbeInboxDb>();
        services.AddSingleton<ProbeInboxFaults>();
        services.AddIntegrationEventHandler<ProbeNoteCreated, ProbeInboxRecorder>();
        services.AddIntegrationEventHandler<ProbeNoteCreated, ProbeInboxAuditor>();
        return services;
    }

    public static async Task RecordAsync(
        ProbeInboxDb db,
        string handler,
        ProbeNoteCreated integrationEvent,
        IntegrationEventContext context,
        TimeProvider clock,
        CancellationToken cancellationToken)
    {
        db.Received.Add(new ProbeInboxEntry
        {
            MessageId = context.MessageId,
            Handler = handler,
            NoteId = integrationEvent.NoteId,
            Title = integrationEvent.Title,
            // From the scope the dispatcher set up, not the message, to prove handlers act for the event's tenant.
            TenantId = db.CurrentTenantId,
            Attempt = context.Attempt,
            ReceivedAt = clock.GetUtcNow(),
        });
        await db.SaveChangesAsync(cancellationToken);
    }
}
