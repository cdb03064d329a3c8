using HealthCore.Platform.Events;

namespace HealthCore.Tests.Support.Probe;

/// <summary>Records each delivery; fails when ProbeInboxFaults says so.</summary>
internal sealed class ProbeInboxRecorder(ProbeInboxDb db, ProbeInboxFaults faults, TimeProvider clock)
    : IIntegrationEventHandler<ProbeNoteCreated>
{
    public Task HandleAsync(ProbeNoteCreated integrationEvent, IntegrationEventContext context, CancellationToken cancellationToken)
    {
        faults.Invoked(nameof(ProbeInboxRecorder), integrationEvent.Title, mayFail: true);
        return ProbeInbox.RecordAsync(db, nameof(ProbeInboxRecorder), integrationEvent, context, clock, cancellationToken);
    }
}

/// <summary>A sibling subscriber that always succeeds, to prove a retry does not call it again.</summary>
internal sealed class ProbeInboxAuditor(ProbeInboxDb db, ProbeInboxFaults faults, TimeProvider clock)
    : IIntegrationEventHandler<ProbeNoteCreated>
{
    public Task HandleAsync(ProbeNoteCreated integrationEvent, IntegrationEventContext context, CancellationToken cancellationToken)
    {
        faults.Invoked(nameof(ProbeInboxAuditor), integrationEvent.Title, mayFail: false);
        return ProbeInbox.RecordAsync(db, nameof(ProbeInboxAuditor), integrationEvent, context, clock, cancellationToken);
    }
}
