using HealthCore.Platform.Time;

namespace HealthCore.Modules.Admissions;

/// <summary>How a stay in a bed began or ended.</summary>
internal enum StayBoundary
{
    Admission,
    Transfer,
    Discharge,
}

/// <summary>One patient's time in one bed, [From, To): To is null while they are still there.</summary>
internal sealed record Stay(
    Guid AdmissionId,
    Guid PatientId,
    Guid BedId,
    Guid WardId,
    DateTimeOffset From,
    DateTimeOffset? To,
    StayBoundary StartedBy,
    StayBoundary? EndedBy,
    Guid? PreviousWardId,
    Guid? NextWardId)
{
    public bool Contains(DateTimeOffset instant) => From <= instant && (To is null || instant < To);
}

/// <summary>An admission as its event stream tells it: when it began and ended, and every bed it held.</summary>
internal sealed record AdmissionTimeline(
    Guid AdmissionId,
    Guid PatientId,
    DateTimeOffset AdmittedAt,
    DateTimeOffset? DischargedAt,
    bool Cancelled,
    IReadOnlyList<Stay> Stays)
{
    /// <summary>Admitted and not yet discharged at the instant; an admission cancelled as entered in error never was.</summary>
    public bool InHospitalAt(DateTimeOffset instant) =>
        !Cancelled && AdmittedAt <= instant && (DischargedAt is null || instant < DischargedAt);
}

internal static class AdmissionHistory
{
    /// <summary>Replays each admission's events in sequence order into its timeline.</summary>
    public static List<AdmissionTimeline> Replay(IEnumerable<AdmissionEvent> events) =>
        [.. events.GroupBy(e => e.AdmissionId).Select(stream => ReplayOne([.. stream.OrderBy(e => e.Sequence)]))];

    private static AdmissionTimeline ReplayOne(IReadOnlyList<AdmissionEvent> stream)
    {
        var stays = new List<Stay>();
        Stay? current = null;
        DateTimeOffset? admittedAt = null;
        DateTimeOffset? dischargedAt = null;
        var cancelled = false;

        void Close(DateTimeOffset at, StayBoundary how, Guid? nextWard)
        {
            if (current is not null)
            {
                stays.Add(current with { To = at, EndedBy = how, NextWardId = nextWard });
                current = null;
            }
        }

        foreach (var e in stream)
        {
            switch (e.Type)
            {
                case AdmissionEventType.Admitted:
                    admittedAt = e.OccurredAt;
                    if (e is { BedId: { } bed, WardId: { } ward })
                    {
                        current = new Stay(e.AdmissionId, e.PatientId, bed, ward, e.OccurredAt, null, StayBoundary.Admission, null, null, null);
                    }

                    break;
                case AdmissionEventType.BedAssigned:
                    current = new Stay(e.AdmissionId, e.PatientId, e.BedId!.Value, e.WardId!.Value, e.OccurredAt, null, StayBoundary.Admission, null, null, null);
                    break;
                case AdmissionEventType.Transferred:
                    Close(e.OccurredAt, StayBoundary.Transfer, e.WardId);
                    current = new Stay(e.AdmissionId, e.PatientId, e.BedId!.Value, e.WardId!.Value, e.OccurredAt, null, StayBoundary.Transfer, null, e.FromWardId, null);
                    break;
                case AdmissionEventType.Discharged:
                    dischargedAt = e.OccurredAt;
                    Close(e.OccurredAt, StayBoundary.Discharge, null);
                    break;
                case AdmissionEventType.Cancelled:
                    cancelled = true;
                    Close(e.OccurredAt, StayBoundary.Discharge, null);
                    break;
                case AdmissionEventType.BedStatusChanged:
                    break;
            }
        }

        if (current is not null)
        {
            stays.Add(current);
        }

        var first = stream[0];
        return new AdmissionTimeline(first.AdmissionId, first.PatientId, admittedAt ?? first.OccurredAt, dischargedAt, cancelled, stays);
    }

    /// <summary>Midnights between admission and discharge in the time zone: 0 for a same-day stay.</summary>
    public static int LengthOfStayDays(DateTimeOffset admittedAt, DateTimeOffset dischargedAt, TimeZoneInfo zone) =>
        LocalDays.DateOf(dischargedAt, zone).DayNumber - LocalDays.DateOf(admittedAt, zone).DayNumber;
}
