namespace HealthCore.Modules.Admissions;

internal sealed record BedResponse(
    Guid Id,
    Guid WardId,
    string Number,
    BedType Type,
    IReadOnlyList<BedFeature> Features,
    BedStatus Status,
    string? StatusReason,
    DateTimeOffset StatusChangedAt,
    BedReservation? Reservation,
    Guid? AdmissionId,
    DateTimeOffset InServiceSince,
    int Version,
    DateTimeOffset CreatedAt)
{
    /// <summary>The bed as it stands at <paramref name="now"/>: a reservation past its expiry shows as an available bed.</summary>
    public static BedResponse From(Bed bed, DateTimeOffset now)
    {
        var expired = bed.ReservationExpired(now);
        return new(
            bed.Id,
            bed.WardId,
            bed.Number,
            bed.Type,
            BedFeatureSet.ToList(bed.Features),
            bed.EffectiveStatus(now),
            expired ? null : bed.StatusReason,
            bed.EffectiveSince(now),
            bed is { Status: BedStatus.Reserved, ReservedForPatientId: { } patient, ReservationExpiresAt: { } until } && !expired
                ? new BedReservation(patient, until)
                : null,
            bed.AdmissionId,
            bed.InServiceSince,
            bed.Version,
            bed.CreatedAt);
    }
}

internal sealed record BedReservation(Guid PatientId, DateTimeOffset ExpiresAt);
