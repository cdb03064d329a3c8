using HealthCore.Platform.Http;

namespace HealthCore.Modules.Laboratory;

/// <summary>A critical-value alert as the API shows it: the value, who answers for it now, and its acknowledgement.</summary>
/// <param name="Level">0 the ordering team, 1 the encounter's department, 2 the laboratory's on-call (Pathologists, else Admins).</param>
/// <param name="DueAt">When the alert escalates next if still unacknowledged; null at the last level and once acknowledged.</param>
/// <param name="MinutesOpen">Whole minutes from release to acknowledgement, or to now while open.</param>
internal sealed record LabCriticalAlertResponse(
    Guid Id,
    Guid ResultId,
    Guid OrderId,
    Guid ItemId,
    Guid ReportId,
    Guid PatientId,
    Guid EncounterId,
    string Code,
    string? Display,
    string Value,
    string? Unit,
    string? Interpretation,
    string? ReferenceRange,
    DateTimeOffset ReleasedAt,
    string Status,
    int Level,
    string LevelName,
    DateTimeOffset? DueAt,
    int MinutesOpen,
    IReadOnlyList<LabCriticalEscalationResponse> Escalations,
    LabCriticalAcknowledgementResponse? Acknowledgement)
{
    public static LabCriticalAlertResponse From(LabCriticalAlert alert, DateTimeOffset now) => new(
        alert.Id,
        alert.ResultId,
        alert.OrderId,
        alert.ItemId,
        alert.ReportId,
        alert.PatientId,
        alert.EncounterId,
        alert.Code,
        alert.Display,
        alert.Value,
        alert.Unit,
        alert.Interpretation,
        alert.ReferenceRange,
        alert.ReleasedAt,
        QueryEnum.Name(alert.Status),
        alert.Level,
        CriticalEscalationChain.NameOf(alert.Level),
        alert.DueAt,
        CriticalAlertMessages.MinutesOpen(alert, now),
        [.. alert.Escalations.Select(e => new LabCriticalEscalationResponse(e.Level, CriticalEscalationChain.NameOf(e.Level), e.At, e.Told))],
        alert.AcknowledgedAt is { } at
            ? new LabCriticalAcknowledgementResponse(
                at, alert.AcknowledgedBy, alert.AcknowledgedByPractitionerId, alert.AcknowledgementMethod is { } method ? QueryEnum.Name(method) : null, alert.ReadBack,
                alert.CommunicatedTo)
            : null);
}

/// <summary>A level the alert reached: when, and how many users were told.</summary>
internal sealed record LabCriticalEscalationResponse(int Level, string LevelName, DateTimeOffset At, int Told);

/// <summary>Who acknowledged the value (user and their practitioner), when, how, and what they read back.</summary>
internal sealed record LabCriticalAcknowledgementResponse(
    DateTimeOffset At, Guid? UserId, Guid? PractitionerId, string? Method, string? ReadBack, string? CommunicatedTo);
