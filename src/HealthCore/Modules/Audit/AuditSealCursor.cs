using HealthCore.Platform.Auditing;

namespace HealthCore.Modules.Audit;

/// <summary>
/// How far the sealer got in one epoch (database incarnation): the last sealed (xid, id) on PostgreSQL; on SQLite the
/// single cursor row (epoch 0) holds the last sealed rowid. Closed epochs (before a detected restore) are done.
/// </summary>
[NotAudited]
internal sealed class AuditSealCursor
{
    public const int SqliteRowidCursor = 0;

    public int Epoch { get; init; }

    public long AfterXid { get; set; }

    public Guid? AfterId { get; set; }

    public bool Closed { get; set; }

    public DateTimeOffset StartedAt { get; init; }

    /// <summary>Why the epoch began: "initial", "restore detected" or an operator's reason.</summary>
    public string? Reason { get; init; }
}
