using HealthCore.Modules.Practitioners.Contracts;

namespace HealthCore.Modules.Scheduling;

/// <summary>
/// Runs before every Scheduling endpoint: a caller assigned to some facilities sees the schedules, appointments and
/// shifts of those facilities' departments only (the facility query filter of <see cref="SchedulingDb"/>).
/// </summary>
internal sealed class SchedulingFacilityScope(SchedulingDb db, IPractitionerDirectory practitioners) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        await ApplyAsync(db, practitioners, context.HttpContext.RequestAborted);
        return await next(context);
    }

    /// <summary>Limits <paramref name="db"/> to the departments of the caller's facilities (for reads through the Contracts, outside the module's endpoints).</summary>
    public static async Task ApplyAsync(SchedulingDb db, IPractitionerDirectory practitioners, CancellationToken cancellationToken)
    {
        if (!db.AllFacilities)
        {
            db.VisibleDepartmentIds = [.. await practitioners.DepartmentIdsInFacilitiesAsync(db.FacilityAccess.Ids, cancellationToken)];
        }
    }
}
