namespace HealthCore.Tests.Support.Probe;

/// <summary>One delivery of a ProbeNoteCreated event to one probe inbox handler.</summary>
internal sealed class ProbeInboxEntry
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid MessageId { get; init; }

    public required string Handler { get; init; }

    public Guid NoteId { get; init; }

    public required string Title { get; init; }

    public Guid? TenantId { get; init; }

    public int Attempt { get; init; }

    public DateTimeOffset ReceivedAt { get; init; }
}
