using HealthCore.Platform.Http;
using HealthCore.Platform.Http.Paging;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace HealthCore.Modules.Scheduling;

internal static class ListSchedules
{
    public static async Task<Results<Ok<Page<ScheduleResponse>>, ValidationProblem>> Handle(
        Guid? practitionerId, Guid? departmentId, string? modality, [AsParameters] PageRequest page, SchedulingDb db, CursorCodec cursors,
        CancellationToken cancellationToken)
    {
        if (ModalityProblem(modality) is { } invalid)
        {
            return invalid;
        }

        var paged = await KeysetPaging.ByGuidAsync(
            Filter(db.Schedules.AsNoTracking(), practitionerId, departmentId, modality), s => s.Id, page, cursors, s => s, cancellationToken);
        if (paged.Result is not Ok<Page<Schedule>> { Value: { } schedules })
        {
            return (ValidationProblem)paged.Result;
        }

        var ids = schedules.Items.Select(s => s.Id).ToList();
        var blocks = (await db.ScheduleBlocks.AsNoTracking().Where(b => ids.Contains(b.ScheduleId)).ToListAsync(cancellationToken))
            .ToLookup(b => b.ScheduleId);
        return TypedResults.Ok(new Page<ScheduleResponse>([.. schedules.Items.Select(s => ScheduleResponse.From(s, blocks[s.Id]))], schedules.NextCursor));
    }

    /// <summary>The schedules of a practitioner, a department and/or a modality (its name in any case).</summary>
    public static IQueryable<Schedule> Filter(IQueryable<Schedule> schedules, Guid? practitionerId, Guid? departmentId, string? modality)
    {
        if (practitionerId is not null)
        {
            schedules = schedules.Where(s => s.PractitionerId == practitionerId);
        }

        if (departmentId is not null)
        {
            schedules = schedules.Where(s => s.DepartmentId == departmentId);
        }

        if (modality is not null)
        {
            var normalized = modality.Trim().ToLowerInvariant();
            schedules = schedules.Where(s => s.Modality == normalized);
        }

        return schedules;
    }

    public static ValidationProblem? ModalityProblem(string? modality) =>
        modality is { Length: > SchedulingDb.ModalityLength }
            ? FieldErrors.Invalid("modality", $"The modality must be at most {SchedulingDb.ModalityLength} characters.")
            : null;
}
