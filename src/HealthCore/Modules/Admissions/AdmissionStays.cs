using HealthCore.Modules.Admissions.Contracts;
using HealthCore.Platform.Http;
using HealthCore.Platform.Http.Paging;
using Microsoft.EntityFrameworkCore;

namespace HealthCore.Modules.Admissions;

internal sealed class AdmissionStays(AdmissionsDb db) : IAdmissionStays
{
    public async Task<IReadOnlyList<AdmissionStay>> AdmittedAsync(DateTimeOffset from, DateTimeOffset to, int limit, CancellationToken cancellationToken)
    {
        var rows = await db.Admissions.AsNoTracking()
            .Where(a => a.Status != AdmissionStatus.Cancelled && a.AdmittedAt >= from && a.AdmittedAt < to)
            .OrderByDescending(a => a.AdmittedAt).ThenByDescending(a => a.Id)
            .Take(limit)
            .ToListAsync(cancellationToken);
        return [.. rows.Select(a => new AdmissionStay(
            a.Id, a.PatientId, a.DepartmentId, a.AdmittingPractitionerId, QueryEnum.Name(a.Type), a.AdmittedAt, a.DischargedAt))];
    }

    public async Task<IReadOnlyList<StayMovement>> MovementsOfPatientAsync(
        Guid patientId, StayMovementKind kind, InstantWindow window, bool includeCancelled, CancellationToken cancellationToken)
    {
        var type = kind switch
        {
            StayMovementKind.Admission => AdmissionEventType.Admitted,
            StayMovementKind.Transfer => AdmissionEventType.Transferred,
            _ => AdmissionEventType.Discharged,
        };

        // The admissions set carries the facility filter, so the subqueries hide other facilities' stays.
        var rows = await db.Events.AsNoTracking()
            .Where(e => e.PatientId == patientId && e.Type == type
                && db.Admissions.Any(a => a.Id == e.AdmissionId && (includeCancelled || a.Status != AdmissionStatus.Cancelled)))
            .Window(e => e.OccurredAt, e => e.Id, window)
            .Select(e => new { Event = e, Admission = db.Admissions.Where(a => a.Id == e.AdmissionId).Select(a => new { a.Type, a.Status }).First() })
            .ToListAsync(cancellationToken);
        return [.. rows.Select(r => new StayMovement(
            r.Event.Id, r.Event.AdmissionId, r.Event.OccurredAt, QueryEnum.Name(r.Admission.Type), QueryEnum.Name(r.Admission.Status), r.Event.WardId,
            r.Event.FromWardId))];
    }
}
