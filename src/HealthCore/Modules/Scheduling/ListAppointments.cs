using HealthCore.Platform.Http;
using HealthCore.Platform.Http.Paging;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace HealthCore.Modules.Scheduling;

internal sealed record AppointmentCursor(DateTimeOffset StartsAt, Guid Id);

internal static class ListAppointments
{
    public static async Task<Results<Ok<Page<AppointmentResponse>>, ValidationProblem>> Handle(
        Guid? patientId, Guid? practitionerId, Guid? departmentId, string? status, DateTimeOffset? from, DateTimeOffset? to, bool? mine,
        [AsParameters] PageRequest page, SchedulingDb db, OwnAppointments own, CursorCodec cursors, CancellationToken cancellationToken)
    {
        var query = db.Appointments.AsNoTracking();
        if (mine == true)
        {
            if (await own.PractitionerIdAsync(cancellationToken) is not { } ownPractitionerId)
            {
                return FieldErrors.Invalid("mine", "Your user account is not linked to a practitioner, so you have no schedule of your own.");
            }

            query = query.Where(a => a.PractitionerId == ownPractitionerId);
        }

        if (patientId is not null)
        {
            query = query.Where(a => a.PatientId == patientId);
        }

        if (practitionerId is not null)
        {
            query = query.Where(a => a.PractitionerId == practitionerId);
        }

        if (departmentId is not null)
        {
            query = query.Where(a => a.DepartmentId == departmentId);
        }

        if (status is not null)
        {
            if (!SchedulingProblems.TryParse<AppointmentStatus>(status, "status", out var wanted, out var invalid))
            {
                return invalid;
            }

            query = query.Where(a => a.Status == wanted);
        }

        if (from is not null)
        {
            query = query.Where(a => a.StartsAt >= from);
        }

        if (to is not null)
        {
            query = query.Where(a => a.StartsAt < to);
        }

        if (page.Cursor is not null)
        {
            if (!cursors.TryDecode<AppointmentCursor>(page.Cursor, out var position))
            {
                return Paging.InvalidCursor();
            }

            query = query.Where(a => a.StartsAt > position!.StartsAt || (a.StartsAt == position.StartsAt && a.Id.CompareTo(position.Id) > 0));
        }

        var rows = await query.OrderBy(a => a.StartsAt).ThenBy(a => a.Id).Take(page.EffectiveLimit + 1).ToListAsync(cancellationToken);
        var responses = (await AppointmentResponse.ListAsync(db, rows, cancellationToken)).ToDictionary(r => r.Id);
        return TypedResults.Ok(Paging.ToPage(
            rows, page.EffectiveLimit, a => cursors.Encode(new AppointmentCursor(a.StartsAt, a.Id)), a => responses[a.Id]));
    }
}
