using System.ComponentModel.DataAnnotations;

namespace HealthCore.Modules.Clinical;

/// <summary>FHIR Encounter.class, from the v3 ActCode value set: AMB, EMER, IMP, HH and VR.</summary>
internal enum EncounterClass
{
    Ambulatory,
    Emergency,
    Inpatient,
    Home,
    Virtual,
}

/// <summary>
/// The outpatient workflow. FHIR R4 Encounter.status: planned, arrived, triaged, in-progress (<see cref="InConsultation"/>),
/// finished (<see cref="Completed"/>), cancelled, entered-in-error.
/// </summary>
internal enum EncounterStatus
{
    Planned,
    Arrived,
    Triaged,
    InConsultation,
    Completed,
    Cancelled,
    EnteredInError,
}

/// <summary>
/// FHIR Encounter.priority, the v3 ActPriority codes a visit is triaged with: R (routine), UR (urgent), A (as soon as
/// possible) and S (stat, immediately). ActPriority's other codes (callback, elective, timing-critical ...) describe
/// orders rather than visits and are left out.
/// </summary>
internal enum EncounterPriority
{
    Routine,
    Urgent,
    Asap,
    Stat,
}

/// <summary>FHIR Encounter.participant.type, from v3 ParticipationType: ATND, CON, REF, ADM and PART.</summary>
internal enum ParticipantRole
{
    Attender,
    Consultant,
    Referrer,
    Admitter,
    Participant,
}

/// <summary>FHIR Coding: a code from a code system (e.g. SNOMED CT, ICD-10), with its display text.</summary>
internal sealed record ConceptCoding(
    [Required, StringLength(200, MinimumLength = 1)] string System,
    [Required, StringLength(100, MinimumLength = 1)] string Code,
    [StringLength(500)] string? Display);

/// <summary>FHIR CodeableConcept: the text as the clinician put it, and the codes it maps to when known.</summary>
internal sealed record CodeableConcept(
    [Required, StringLength(1000, MinimumLength = 1)] string Text,
    [MaxLength(10)] IReadOnlyList<ConceptCoding>? Codes);

/// <summary>A practitioner in a role, as an encounter is opened with.</summary>
internal sealed record Participation(Guid PractitionerId, ParticipantRole Role);
