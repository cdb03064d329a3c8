using HealthCore.Platform.Security;

namespace HealthCore.Modules.Audit;

internal sealed class AuditOptions
{
    public const string Section = "Audit";

    /// <summary>Whether this instance runs the sealer (only one instance seals at a time anyway; see AuditSealing).</summary>
    public bool SealerEnabled { get; set; } = true;

    public TimeSpan SealInterval { get; set; } = TimeSpan.FromMilliseconds(150);

    public TimeSpan CheckpointInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The most records sealed in one pass; a backlog is worked off pass after pass.</summary>
    public int MaxBatch { get; set; } = 5000;

    /// <summary>ES256 keys for checkpoints, kept outside the database; the first with a private key signs.</summary>
    public List<SigningKeyOptions> CheckpointKeys { get; set; } = [];

    /// <summary>When set, every checkpoint is also appended to {AnchorDirectory}/{tenant}.checkpoints (one JSON line each).</summary>
    public string? AnchorDirectory { get; set; }
}
