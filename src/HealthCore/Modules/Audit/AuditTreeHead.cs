using HealthCore.Platform.Auditing;

namespace HealthCore.Modules.Audit;

/// <summary>
/// A tenant's tree: size, root and right edge. The sealer moves it with a compare-and-swap on the size (a concurrency
/// token), so a second sealer that read the same head cannot append the same positions again.
/// </summary>
[NotAudited]
internal sealed class AuditTreeHead
{
    public Guid TenantId { get; init; }

    public long TreeSize { get; set; }

    public required string RootHash { get; set; }

    /// <summary>The roots of the perfect subtrees on the right edge, largest first, as concatenated hex (see <see cref="MerkleFrontier"/>).</summary>
    public required string Frontier { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}
