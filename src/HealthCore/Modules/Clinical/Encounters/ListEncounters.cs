using HealthCore.Platform.Http;
using HealthCore.Platform.Http.Paging;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace HealthCore.Modules.Clinical;

/// <summary>An encounter in a list: status and logistics only, never clinical content, so lists need no audited read.</summary>
internal sealed record EncounterSummary(
    Guid Id,
    Guid PatientId,
    EncounterStatus Status,
    EncounterClass Class,
    EncounterPriority Priority,
    Guid DepartmentId,
    Guid FacilityId,
    DateTimeOffset StartsAt,
    EncounterPeriod Period,
    Guid? AppointmentId,
    Guid? AdmissionId,
    int Version)
{
    public static EncounterSummary From(Encounter e) =>
        new(e.Id, e.PatientId, e.Status, e.Class, e.Priority, e.DepartmentId, e.FacilityId, e.StartsAt, new EncounterPeriod(e.PeriodStart, e.PeriodEnd),
            e.AppointmentId, e.AdmissionId, e.Version);
}

internal static class ListEncounters
{
    public static async Task<Results<Ok<Page<EncounterSummary>>, ValidationProblem>> Handle(
        [AsParameters] PageRequest page,
        Guid? patientId,
        Guid? practitionerId,
        Guid? departmentId,
        Guid? appointmentId,
        Guid? admissionId,
        string? status,
        string? @class,
        DateTimeOffset? from,
        DateTimeOffset? to,
        ClinicalDb db,
        CursorCodec cursors,
        CancellationToken cancellationToken)
    {
        var invalidStatus = QueryEnum.TryParse<EncounterStatus>(status, "status", out var statusFilter);
        var invalidClass = QueryEnum.TryParse<EncounterClass>(@class, "class", out var classFilter);
        if ((invalidStatus ?? invalidClass
            ?? PlausibleDates.OutOfRange("from", from)
            ?? PlausibleDates.OutOfRange("to", to)) is { } invalid)
        {
            return invalid;
        }

        if (from is not null && to is not null && to <= from)
        {
            return FieldErrors.Invalid("to", "to must be after from.");
        }

        var query = db.Encounters.AsNoTracking();
        if (patientId is { } patient)
        {
            query = query.Where(e => e.PatientId == patient);
        }

        if (practitionerId is { } practitioner)
        {
            query = query.Where(e => e.Participants.Any(p => p.PractitionerId == practitioner));
        }

        if (departmentId is { } department)
        {
            query = query.Where(e => e.DepartmentId == department);
        }

        if (appointmentId is { } appointment)
        {
            query = query.Where(e => e.AppointmentId == appointment);
        }

        if (admissionId is { } admission)
        {
            query = query.Where(e => e.AdmissionId == admission);
        }

        if (statusFilter is { } wanted)
        {
            query = query.Where(e => e.Status == wanted);
        }

        if (classFilter is { } kind)
        {
            query = query.Where(e => e.Class == kind);
        }

        if (from is { } start)
        {
            query = query.Where(e => e.StartsAt >= start);
        }

        if (to is { } end)
        {
            query = query.Where(e => e.StartsAt < end);
        }

        return await KeysetPaging.ByGuidAsync(query, e => e.Id, page, cursors, EncounterSummary.From, cancellationToken);
    }
}
