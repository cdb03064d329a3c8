using HealthCore.Platform.Database;

namespace HealthCore.Modules.Admissions;

internal sealed class Bed : ITenantOwned, IVersioned
{
    /// <summary>The only moves a bed's status may make; anything else answers 409 naming the current status.</summary>
    private static readonly Dictionary<BedStatus, BedStatus[]> LegalMoves = new()
    {
        [BedStatus.Available] = [BedStatus.Reserved, BedStatus.Occupied, BedStatus.Maintenance, BedStatus.Blocked],
        [BedStatus.Reserved] = [BedStatus.Available, BedStatus.Occupied],
        [BedStatus.Occupied] = [BedStatus.Cleaning],
        [BedStatus.Cleaning] = [BedStatus.Available, BedStatus.Maintenance, BedStatus.Blocked],
        [BedStatus.Maintenance] = [BedStatus.Available, BedStatus.Blocked],
        [BedStatus.Blocked] = [BedStatus.Available],
    };

    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid TenantId { get; set; }

    public int Version { get; set; }

    public Guid WardId { get; init; }

    public required string Number { get; set; }

    public BedType Type { get; set; }

    public BedFeatures Features { get; set; }

    public BedStatus Status { get; private set; }

    /// <summary>Why the bed is in maintenance or blocked (required for those), or the note of a reservation.</summary>
    public string? StatusReason { get; private set; }

    public DateTimeOffset StatusChangedAt { get; private set; }

    public Guid? ReservedForPatientId { get; private set; }

    public DateTimeOffset? ReservationExpiresAt { get; private set; }

    /// <summary>The admission occupying the bed; the occupancy table's unique index is what guarantees there is only one.</summary>
    public Guid? AdmissionId { get; private set; }

    /// <summary>Since when the bed has existed on the ward (at most its creation): census counts it from then.</summary>
    public DateTimeOffset InServiceSince { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public static bool IsLegal(BedStatus from, BedStatus to) => LegalMoves[from].Contains(to);

    public static IReadOnlyList<BedStatus> MovesFrom(BedStatus from) => LegalMoves[from];

    public bool IsCapable(BedFeatures features) => (Features & features) == features;

    /// <summary>A reservation past its expiry no longer holds the bed, whether or not anything has released it yet.</summary>
    public bool ReservationExpired(DateTimeOffset now) =>
        Status == BedStatus.Reserved && ReservationExpiresAt is { } expiry && expiry <= now;

    public BedStatus EffectiveStatus(DateTimeOffset now) => ReservationExpired(now) ? BedStatus.Available : Status;

    /// <summary>Since when the bed has been in its <see cref="EffectiveStatus"/>.</summary>
    public DateTimeOffset EffectiveSince(DateTimeOffset now) => ReservationExpired(now) ? ReservationExpiresAt!.Value : StatusChangedAt;

    /// <summary>Records the release of an expired reservation at its expiry, before the bed is used for anything else.</summary>
    public BedStatusChange? ExpireReservation(DateTimeOffset now) =>
        ReservationExpired(now) ? MoveTo(BedStatus.Available, ReservationExpiresAt!.Value, "Reservation expired.", actorId: null) : null;

    public void Initialize()
    {
        Status = BedStatus.Available;
        StatusChangedAt = InServiceSince;
    }

    /// <summary>Moves the bed to <paramref name="to"/> and returns the change to record; the caller checked <see cref="IsLegal"/>.</summary>
    public BedStatusChange MoveTo(BedStatus to, DateTimeOffset at, string? reason, Guid? actorId, Guid? admissionId = null, Guid? reservedFor = null, DateTimeOffset? reservedUntil = null)
    {
        if (!IsLegal(Status, to))
        {
            throw new InvalidOperationException($"A bed cannot go from {Status} to {to}.");
        }

        var change = new BedStatusChange
        {
            BedId = Id,
            WardId = WardId,
            FromStatus = Status,
            ToStatus = to,
            Reason = reason,
            AdmissionId = admissionId ?? AdmissionId,
            ChangedAt = at,
            ActorId = actorId,
        };
        Status = to;
        StatusReason = reason;
        StatusChangedAt = at;
        ReservedForPatientId = to == BedStatus.Reserved ? reservedFor : null;
        ReservationExpiresAt = to == BedStatus.Reserved ? reservedUntil : null;
        AdmissionId = to == BedStatus.Occupied ? admissionId : null;
        return change;
    }
}

/// <summary>One row of a bed's status history, whoever caused it (an admission, housekeeping, maintenance, an expired reservation).</summary>
internal sealed class BedStatusChange : ITenantOwned
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid TenantId { get; set; }

    public Guid BedId { get; init; }

    public Guid WardId { get; init; }

    public BedStatus FromStatus { get; init; }

    public BedStatus ToStatus { get; init; }

    public string? Reason { get; init; }

    public Guid? AdmissionId { get; init; }

    public DateTimeOffset ChangedAt { get; init; }

    public Guid? ActorId { get; init; }
}
