using HealthCore.Platform.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace HealthCore.Modules.Scheduling;

internal static class GetSchedule
{
    public static async Task<Results<Ok<ScheduleResponse>, NotFoundProblem>> Handle(
        Guid id, SchedulingDb db, HttpContext http, CancellationToken cancellationToken)
    {
        var schedule = await db.Schedules.AsNoTracking().SingleOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (schedule is null)
        {
            return NotFoundProblem.For("Schedule", id);
        }

        var blocks = await db.ScheduleBlocks.AsNoTracking().Where(b => b.ScheduleId == id).ToListAsync(cancellationToken);
        http.SetETag(schedule);
        return TypedResults.Ok(ScheduleResponse.From(schedule, blocks));
    }
}
