using System.ComponentModel.DataAnnotations;
using HealthCore.Modules.Patients.Contracts;
using HealthCore.Modules.Practitioners.Contracts;
using HealthCore.Platform.Http;
using HealthCore.Platform.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;

namespace HealthCore.Modules.Clinical;

internal sealed record ParticipantRequest([Required] Guid? PractitionerId, [Required] ParticipantRole? Role);

/// <summary>
/// An encounter opened <c>planned</c> (with its planned start) or <c>arrived</c> (the patient is here; <c>arrivedAt</c>
/// defaults to now). <c>appointmentId</c> or <c>admissionId</c> link it to its appointment or admission, one encounter each.
/// </summary>
internal sealed record CreateEncounterRequest(
    [Required] Guid? PatientId,
    [Required] EncounterClass? Class,
    [Required] Guid? DepartmentId,
    CodeableConcept? Type,
    CodeableConcept? Reason,
    EncounterPriority? Priority,
    [MaxLength(20)] IReadOnlyList<ParticipantRequest>? Participants,
    EncounterStatus? Status,
    [PlausibleInstant] DateTimeOffset? PlannedStartAt,
    [PlausibleInstant] DateTimeOffset? ArrivedAt,
    Guid? AppointmentId,
    Guid? AdmissionId) : IValidatableObject
{
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Status is not (null or EncounterStatus.Planned or EncounterStatus.Arrived))
        {
            yield return new ValidationResult("An encounter is opened planned or arrived; later steps are actions on it.", [nameof(Status)]);
        }

        if (PlannedStartAt is not null && Status != EncounterStatus.Planned)
        {
            yield return new ValidationResult("Only a planned encounter has a planned start.", [nameof(PlannedStartAt)]);
        }

        if (ArrivedAt is not null && Status == EncounterStatus.Planned)
        {
            yield return new ValidationResult("A planned encounter has not arrived yet.", [nameof(ArrivedAt)]);
        }

        if (AppointmentId is not null && AdmissionId is not null)
        {
            yield return new ValidationResult("An encounter is the visit for an appointment or the stay of an admission, not both.", [nameof(AdmissionId)]);
        }

        if (Participants is { } list && list.DistinctBy(p => (p.PractitionerId, p.Role)).Count() != list.Count)
        {
            yield return new ValidationResult("Each practitioner is listed once per role.", [nameof(Participants)]);
        }
    }
}

internal static class CreateEncounter
{
    public static async Task<Results<Created<EncounterResponse>, ValidationProblem, ConflictProblem>> Handle(
        CreateEncounterRequest request, ClinicalDb db, EncounterChanges changes, IPatientDirectory patients, IPractitionerDirectory practitioners,
        ICurrentTenant tenant, IAuthorizationService authorization, HttpContext http, CancellationToken cancellationToken)
    {
        if (await patients.FindAsync(request.PatientId!.Value, cancellationToken) is not { Active: true, Deceased: false })
        {
            return FieldErrors.Invalid("patientId", "No active patient with this id exists in this tenant.");
        }

        var department = await practitioners.FindDepartmentAsync(request.DepartmentId!.Value, cancellationToken);
        if (department is not { Active: true } || !db.FacilityAccess.Allows(department.FacilityId))
        {
            return FieldErrors.Invalid("departmentId", "No active department of a facility you may act in has this id.");
        }

        var participants = request.Participants ?? [];
        for (var i = 0; i < participants.Count; i++)
        {
            if (await practitioners.FindPractitionerAsync(participants[i].PractitionerId!.Value, cancellationToken) is not { Active: true })
            {
                return FieldErrors.Invalid($"participants[{i}].practitionerId", "No active practitioner with this id exists in this tenant.");
            }
        }

        if (request.ArrivedAt > changes.Now)
        {
            return FieldErrors.Invalid("arrivedAt", "The arrival may not be in the future.");
        }

        var status = request.Status ?? EncounterStatus.Arrived;
        var (encounter, opened) = await changes.OpenOnceAsync(
            new EncounterOpening(
                request.PatientId.Value,
                request.Class!.Value,
                department.Id,
                department.FacilityId,
                status,
                request.Priority ?? EncounterPriority.Routine,
                [.. participants.Select(p => new Participation(p.PractitionerId!.Value, p.Role!.Value))],
                tenant.UserId,
                Trimmed(request.Type),
                Trimmed(request.Reason),
                request.PlannedStartAt,
                status == EncounterStatus.Arrived ? request.ArrivedAt ?? changes.Now : null,
                request.AppointmentId,
                request.AdmissionId),
            cancellationToken);
        if (!opened)
        {
            return request.AppointmentId is { } appointment
                ? EncounterProblems.AlreadyOpened("appointment", appointment, encounter.Id)
                : EncounterProblems.AlreadyOpened("admission", request.AdmissionId!.Value, encounter.Id);
        }

        http.SetETag(encounter);
        return TypedResults.Created(
            $"/api/v1/encounters/{encounter.Id}", EncounterResponse.From(encounter, await ClinicalAccess.OfAsync(authorization, http.User)));
    }

    private static CodeableConcept? Trimmed(CodeableConcept? concept) =>
        concept is null ? null : concept with { Text = concept.Text.Trim(), Codes = concept.Codes is { Count: > 0 } codes ? codes : null };
}
