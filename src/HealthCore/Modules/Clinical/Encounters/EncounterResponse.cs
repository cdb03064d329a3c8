using System.Security.Claims;
using HealthCore.Modules.Clinical.Summary;
using HealthCore.Modules.Identity.Contracts;
using Microsoft.AspNetCore.Authorization;

namespace HealthCore.Modules.Clinical;

internal sealed record ParticipantResponse(Guid PractitionerId, ParticipantRole Role);

/// <summary>FHIR Encounter.period: start when the visit began (arrival, admission), end when it ended.</summary>
internal sealed record EncounterPeriod(DateTimeOffset? Start, DateTimeOffset? End);

/// <param name="ActorId">The user who made the step; null when an event from another module made it (check-in, admission, discharge).</param>
/// <param name="Reason">Why (cancellation, entry in error, override): clinical content, null without clinical.read.</param>
internal sealed record StatusChangeResponse(
    EncounterStatus? From, EncounterStatus To, DateTimeOffset At, DateTimeOffset RecordedAt, Guid? ActorId, string? Reason,
    IReadOnlyList<string>? OverriddenRequirements);

/// <summary>What only callers with clinical.read see of an encounter.</summary>
internal sealed record EncounterClinicalContent(CodeableConcept? Type, CodeableConcept? Reason);

/// <summary>
/// An encounter. Who, where, when and its status are for every caller with encounters.read (a receptionist's
/// status board); <see cref="Clinical"/> and the reasons in <see cref="StatusHistory"/> are null for callers without
/// clinical.read. <see cref="Summary"/>, what was recorded in it, is given by GET /encounters/{id} to callers with
/// clinical.read, and is null otherwise.
/// </summary>
internal sealed record EncounterResponse(
    Guid Id,
    Guid PatientId,
    EncounterStatus Status,
    EncounterClass Class,
    EncounterPriority Priority,
    Guid DepartmentId,
    Guid FacilityId,
    IReadOnlyList<ParticipantResponse> Participants,
    DateTimeOffset? PlannedStartAt,
    EncounterPeriod Period,
    Guid? AppointmentId,
    Guid? AdmissionId,
    IReadOnlyList<StatusChangeResponse> StatusHistory,
    EncounterClinicalContent? Clinical,
    DateTimeOffset CreatedAt,
    int Version,
    ClinicalSummary? Summary = null)
{
    public static EncounterResponse From(Encounter e, ClinicalAccess access) =>
        new(
            e.Id,
            e.PatientId,
            e.Status,
            e.Class,
            e.Priority,
            e.DepartmentId,
            e.FacilityId,
            [.. e.Participants.OrderBy(p => p.Role).ThenBy(p => p.PractitionerId).Select(p => new ParticipantResponse(p.PractitionerId, p.Role))],
            e.PlannedStartAt,
            new EncounterPeriod(e.PeriodStart, e.PeriodEnd),
            e.AppointmentId,
            e.AdmissionId,
            [.. e.History.OrderBy(c => c.Sequence).Select(c => new StatusChangeResponse(
                c.From, c.To, c.At, c.RecordedAt, c.ActorId, access.ReadClinical ? c.Reason : null, c.OverriddenRequirements))],
            access.ReadClinical ? new EncounterClinicalContent(e.Type, e.Reason) : null,
            e.CreatedAt,
            e.Version);
}

/// <summary>Whether the caller may see clinical content (clinical.read) beyond the encounter's status (encounters.read).</summary>
internal sealed record ClinicalAccess(bool ReadClinical)
{
    public static async Task<ClinicalAccess> OfAsync(IAuthorizationService authorization, ClaimsPrincipal user) =>
        new((await authorization.AuthorizeAsync(user, null, new PermissionRequirement(Permissions.ClinicalRead))).Succeeded);
}
