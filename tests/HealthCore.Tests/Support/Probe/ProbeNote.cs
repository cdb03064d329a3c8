using HealthCore.Platform.Database;

namespace HealthCore.Tests.Support.Probe;

/// <summary>A minimal tenant-owned, versioned resource that exercises the platform before real modules exist.</summary>
internal sealed class ProbeNote : ITenantOwned, IVersioned
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid TenantId { get; set; }

    public int Version { get; set; }

    public required string Title { get; set; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset? DueAt { get; set; }
}

internal sealed record ProbeNoteCreated(Guid NoteId, string Title);
