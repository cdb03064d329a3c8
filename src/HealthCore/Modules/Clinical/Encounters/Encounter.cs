using HealthCore.Platform.Auditing;
using HealthCore.Platform.Database;

namespace HealthCore.Modules.Clinical;

/// <summary>
/// A visit of one patient: FHIR R4 Encounter, field for field (<c>class</c>, <c>type</c>, <c>serviceProvider</c> as the
/// department and its facility, <c>participant</c>, <c>reasonCode</c>, <c>priority</c>, <c>period</c>,
/// <c>appointment</c>, <c>hospitalization</c> as the admission, <c>statusHistory</c>). At most one encounter per
/// appointment and one per admission: unique indexes, so a redelivered or racing event cannot open a second.
/// </summary>
internal sealed class Encounter : ITenantOwned, IVersioned, IFacilityOwned
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid TenantId { get; set; }

    public int Version { get; set; }

    public Guid PatientId { get; init; }

    public EncounterClass Class { get; init; }

    /// <summary>Clinical content: what kind of visit (e.g. a first oncology consultation).</summary>
    public CodeableConcept? Type { get; init; }

    public Guid DepartmentId { get; init; }

    public Guid FacilityId { get; init; }

    /// <summary>Clinical content: why the patient came.</summary>
    public CodeableConcept? Reason { get; init; }

    public EncounterPriority Priority { get; init; }

    public EncounterStatus Status { get; set; }

    public DateTimeOffset StatusChangedAt { get; set; }

    /// <summary>When the visit planned for should begin; only for planned encounters.</summary>
    public DateTimeOffset? PlannedStartAt { get; init; }

    public DateTimeOffset? PeriodStart { get; set; }

    public DateTimeOffset? PeriodEnd { get; set; }

    /// <summary>What date filters bound: the period start once the visit began, else its planned start, else its creation.</summary>
    public DateTimeOffset StartsAt { get; set; }

    public Guid? AppointmentId { get; init; }

    public Guid? AdmissionId { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public List<EncounterParticipant> Participants { get; init; } = [];

    public List<EncounterStatusChange> History { get; init; } = [];

    public static Encounter Open(EncounterOpening opening, DateTimeOffset now)
    {
        var begun = opening.Status != EncounterStatus.Planned;
        var start = begun ? opening.PeriodStart ?? now : (DateTimeOffset?)null;
        var encounter = new Encounter
        {
            PatientId = opening.PatientId,
            Class = opening.Class,
            Type = opening.Type,
            DepartmentId = opening.DepartmentId,
            FacilityId = opening.FacilityId,
            Reason = opening.Reason,
            Priority = opening.Priority,
            Status = opening.Status,
            StatusChangedAt = now,
            PlannedStartAt = opening.PlannedStartAt,
            PeriodStart = start,
            StartsAt = start ?? opening.PlannedStartAt ?? now,
            AppointmentId = opening.AppointmentId,
            AdmissionId = opening.AdmissionId,
            CreatedAt = now,
        };
        encounter.Participants.AddRange(opening.Participants.Select(p => new EncounterParticipant
        {
            EncounterId = encounter.Id, PractitionerId = p.PractitionerId, Role = p.Role,
        }));
        encounter.History.Add(new EncounterStatusChange
        {
            EncounterId = encounter.Id, Sequence = 1, From = null, To = opening.Status, At = start ?? now, RecordedAt = now, ActorId = opening.ActorId,
        });
        return encounter;
    }

    public bool HasBegun => PeriodStart is not null;

    /// <summary>Cancelled or entered in error: it takes no more clinical records.</summary>
    public bool IsVoid => Status is EncounterStatus.Cancelled or EncounterStatus.EnteredInError;

    /// <summary>
    /// Takes the action's step when the state machine allows it from the current status (null otherwise); the period
    /// opens with the arrival and closes with the end. Needs <see cref="History"/> loaded.
    /// </summary>
    public EncounterStatusChange? TryMove(EncounterAction action, DateTimeOffset at, DateTimeOffset now, Guid? actorId, string? reason = null, List<string>? overridden = null)
    {
        if (!EncounterTransitions.Allows(action, Status))
        {
            return null;
        }

        var to = EncounterTransitions.Of(action).To;
        var change = new EncounterStatusChange
        {
            EncounterId = Id, Sequence = History.Count + 1, From = Status, To = to, At = at, RecordedAt = now, ActorId = actorId, Reason = reason,
            OverriddenRequirements = overridden,
        };
        if (to is EncounterStatus.Arrived or EncounterStatus.Triaged or EncounterStatus.InConsultation && PeriodStart is null)
        {
            PeriodStart = at;
            StartsAt = at;
        }

        if (to is EncounterStatus.Completed || (to is EncounterStatus.Cancelled or EncounterStatus.EnteredInError && PeriodStart is not null && PeriodEnd is null))
        {
            PeriodEnd = at;
        }

        Status = to;
        StatusChangedAt = now;
        History.Add(change);
        return change;
    }
}

/// <summary>What opening an encounter needs, however it is opened (a request, an appointment check-in, an admission).</summary>
internal sealed record EncounterOpening(
    Guid PatientId,
    EncounterClass Class,
    Guid DepartmentId,
    Guid FacilityId,
    EncounterStatus Status,
    EncounterPriority Priority,
    IReadOnlyList<Participation> Participants,
    Guid? ActorId,
    CodeableConcept? Type = null,
    CodeableConcept? Reason = null,
    DateTimeOffset? PlannedStartAt = null,
    DateTimeOffset? PeriodStart = null,
    Guid? AppointmentId = null,
    Guid? AdmissionId = null);

/// <summary>FHIR Encounter.participant: a practitioner in a role (ParticipationType) for the encounter.</summary>
internal sealed class EncounterParticipant : ITenantOwned
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid TenantId { get; set; }

    public Guid EncounterId { get; init; }

    public Guid PractitionerId { get; init; }

    public ParticipantRole Role { get; init; }
}

/// <summary>
/// FHIR Encounter.statusHistory, with who made each step and when it was recorded. Append-only, and not audited on its
/// own: the encounter's change in the same save is, and the row carries its actor.
/// </summary>
[NotAudited]
internal sealed class EncounterStatusChange : ITenantOwned
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid TenantId { get; set; }

    public Guid EncounterId { get; init; }

    /// <summary>1 for the status the encounter was opened in; unique per encounter, so two racing steps cannot both append.</summary>
    public int Sequence { get; init; }

    public EncounterStatus? From { get; init; }

    public EncounterStatus To { get; init; }

    /// <summary>When it happened (e.g. the check-in or the discharge), which may precede <see cref="RecordedAt"/>.</summary>
    public DateTimeOffset At { get; init; }

    public DateTimeOffset RecordedAt { get; init; }

    /// <summary>The user who made the step; null when an event from another module made it (a check-in, a discharge).</summary>
    public Guid? ActorId { get; init; }

    /// <summary>Clinical content: why (a cancellation, an entry in error, the override of close requirements).</summary>
    public string? Reason { get; init; }

    /// <summary>The close requirements that were unmet and overridden by a Doctor with <see cref="Reason"/>.</summary>
    public List<string>? OverriddenRequirements { get; init; }
}

/// <summary>A row that belongs to one facility of its tenant: hidden from users assigned to other facilities.</summary>
internal interface IFacilityOwned
{
    Guid FacilityId { get; }
}
