using HealthCore.Platform.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace HealthCore.Modules.Scheduling;

internal static class GetAppointment
{
    public static async Task<Results<Ok<AppointmentResponse>, NotFoundProblem>> Handle(
        Guid id, SchedulingDb db, HttpContext http, CancellationToken cancellationToken)
    {
        var appointment = await db.Appointments.AsNoTracking().SingleOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (appointment is null)
        {
            return NotFoundProblem.For("Appointment", id);
        }

        http.SetETag(appointment);
        return TypedResults.Ok(await AppointmentResponse.DetailAsync(db, appointment, cancellationToken));
    }
}
