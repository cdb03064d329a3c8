using HealthCore.Platform.Database;

namespace HealthCore.Modules.Identity;

internal sealed class Facility : ITenantOwned, IVersioned
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid TenantId { get; set; }

    public int Version { get; set; }

    public required string Code { get; set; }

    public required string Name { get; set; }

    public DateTimeOffset CreatedAt { get; init; }
}
