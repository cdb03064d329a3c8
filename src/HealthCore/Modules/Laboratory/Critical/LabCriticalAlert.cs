using HealthCore.Platform.Database;

namespace HealthCore.Modules.Laboratory;

/// <summary>
/// The obligation a critical (panic) result creates: someone responsible for the patient must hear the value and
/// read it back. Opened once per result when the report is released; escalates level by level while nobody
/// acknowledges it (see <see cref="CriticalEscalationChain"/>).
/// </summary>
internal sealed class LabCriticalAlert : ITenantOwned, IVersioned
{
    public const int ValueLength = 200;
    public const int TextLength = 500;
    public const int ReadBackLength = 500;
    public const int CommunicatedToLength = 200;

    public Guid Id { get; init; }

    public Guid TenantId { get; set; }

    public int Version { get; set; }

    /// <summary>The observation (result) the alert is about; acknowledgement addresses it by this id.</summary>
    public Guid ResultId { get; init; }

    public Guid OrderId { get; init; }

    public Guid ItemId { get; init; }

    public Guid ReportId { get; init; }

    public int ReportVersion { get; init; }

    public Guid PatientId { get; init; }

    public Guid EncounterId { get; init; }

    public Guid FacilityId { get; init; }

    public required string Code { get; init; }

    public string? Display { get; init; }

    public required string Value { get; init; }

    public string? Unit { get; init; }

    public string? Interpretation { get; init; }

    public string? ReferenceRange { get; init; }

    public DateTimeOffset ReleasedAt { get; init; }

    public DateTimeOffset OpenedAt { get; init; }

    public LabCriticalStatus Status { get; set; }

    /// <summary>Who is answerable now: 0 the ordering team, then the steps of <see cref="CriticalEscalationChain"/>.</summary>
    public int Level { get; set; }

    /// <summary>When the current level's time runs out and the alert escalates; null at the last level and once acknowledged.</summary>
    public DateTimeOffset? DueAt { get; set; }

    /// <summary>Every level the alert reached, with when and how many users were told.</summary>
    public List<LabCriticalEscalation> Escalations { get; init; } = [];

    public DateTimeOffset? AcknowledgedAt { get; set; }

    public Guid? AcknowledgedBy { get; set; }

    public Guid? AcknowledgedByPractitionerId { get; set; }

    public LabCriticalAckMethod? AcknowledgementMethod { get; set; }

    /// <summary>The value as the recipient read it back, in their words.</summary>
    public string? ReadBack { get; set; }

    /// <summary>Whom the value was given to when not the acknowledging user (e.g. the covering registrar).</summary>
    public string? CommunicatedTo { get; set; }

    public void Escalate(int level, DateTimeOffset now, int told, TimeSpan period)
    {
        Level = level;
        Escalations.Add(new LabCriticalEscalation(level, now, told));
        DueAt = level < CriticalEscalationChain.LastLevel ? now + period : null;
    }

    public void Acknowledge(DateTimeOffset now, Guid? userId, Guid? practitionerId, LabCriticalAckMethod method, string readBack, string? communicatedTo)
    {
        Status = LabCriticalStatus.Acknowledged;
        AcknowledgedAt = now;
        AcknowledgedBy = userId;
        AcknowledgedByPractitionerId = practitionerId;
        AcknowledgementMethod = method;
        ReadBack = readBack;
        CommunicatedTo = communicatedTo;
        DueAt = null;
    }
}

/// <summary>One step of an alert's escalation: the level reached, when, and how many users were told.</summary>
internal sealed record LabCriticalEscalation(int Level, DateTimeOffset At, int Told);

internal enum LabCriticalStatus
{
    Open,
    Acknowledged,
}

/// <summary>How the critical value reached the person who acknowledged it.</summary>
internal enum LabCriticalAckMethod
{
    Phone,
    InPerson,
    Electronic,
    Pager,
    Video,
}
