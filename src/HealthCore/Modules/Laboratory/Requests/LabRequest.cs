using HealthCore.Platform.Database;

namespace HealthCore.Modules.Laboratory;

/// <summary>
/// The laboratory's copy of a placed laboratory order (same id as the order): what the lab must collect, analyse
/// and report, with the time of every stage. It is taken from OrderPlaced, or from the order itself when a lab user
/// acts on an order before the event arrived, and never changes the order's content.
/// </summary>
internal sealed class LabRequest : ITenantOwned, IVersioned
{
    public const int ReasonLength = 1000;

    public Guid Id { get; init; }

    public Guid TenantId { get; set; }

    public int Version { get; set; }

    public Guid PatientId { get; init; }

    public Guid EncounterId { get; init; }

    public Guid FacilityId { get; init; }

    public Guid RequesterId { get; init; }

    public Guid? PerformerDepartmentId { get; init; }

    public LabPriority Priority { get; init; }

    /// <summary>Stat first: the worklist's sort key (see <see cref="LabPriorities.Rank"/>).</summary>
    public int PriorityRank { get; init; }

    /// <summary>The stage of the request's least advanced open item; what the worklist filters on.</summary>
    public LabRequestStatus Status { get; set; }

    /// <summary>When the order was placed: the start of every turnaround time.</summary>
    public DateTimeOffset OrderedAt { get; init; }

    public DateTimeOffset ReceivedFromOrdersAt { get; init; }

    public DateTimeOffset? CancelledAt { get; set; }

    public string? CancelReason { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public List<LabRequestItem> Items { get; init; } = [];

    /// <summary>Moves the request to the stage of its least advanced open item; cancelled when none is open.</summary>
    public void Settle(DateTimeOffset now)
    {
        UpdatedAt = now;
        var open = Items.Where(i => i.Status != LabItemStatus.Cancelled).ToList();
        Status = open.Count == 0 ? LabRequestStatus.Cancelled : LabRequestStatuses.Of(open.Min(i => i.Status));
    }
}

/// <summary>
/// One ordered test or panel (same id as the order item): a DiagnosticReport in the making, with the analytes it
/// reports (a panel's member tests, or the test itself) and its stage times.
/// </summary>
internal sealed class LabRequestItem : ITenantOwned
{
    public const int DisplayLength = 500;

    public Guid Id { get; init; }

    public Guid TenantId { get; set; }

    public Guid RequestId { get; init; }

    /// <summary>1-based position in the order.</summary>
    public int Sequence { get; init; }

    public required string Code { get; init; }

    public string? Display { get; init; }

    /// <summary>The test codes reported under this item, in report order: a panel's expanded members, or the test's own code.</summary>
    public List<string> AnalyteCodes { get; init; } = [];

    public string? SpecimenType { get; init; }

    public string? Container { get; init; }

    /// <summary>The catalogue's turnaround target (order to verified result) for the order's priority, when it has one.</summary>
    public int? TargetMinutes { get; init; }

    public LabItemStatus Status { get; set; }

    /// <summary>The specimen the item is analysed from; null until collected, cleared again when that specimen is rejected.</summary>
    public Guid? SpecimenId { get; set; }

    public DateTimeOffset? CollectedAt { get; set; }

    public DateTimeOffset? ReceivedAt { get; set; }

    /// <summary>When its first result was entered.</summary>
    public DateTimeOffset? ResultedAt { get; set; }

    /// <summary>When its results were first released as final.</summary>
    public DateTimeOffset? VerifiedAt { get; set; }

    public DateTimeOffset StatusChangedAt { get; set; }
}
