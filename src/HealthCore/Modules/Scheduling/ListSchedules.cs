using HealthCore.Platform.Http;
using HealthCore.Platform.Http.Paging;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace HealthCore.Modules.Scheduling;

internal sealed record ScheduleCursor(Guid After);

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

        var query = Filter(db.Schedules.AsNoTracking(), practitionerId, departmentId, modality).OrderBy(s => s.Id).AsQueryable();
        if (page.Cursor is not null)
        {
            if (!cursors.TryDecode<ScheduleCursor>(page.Cursor, out var position))
            {
                return Paging.InvalidCursor();
            }

            query = query.Where(s => s.Id.CompareTo(position!.After) > 0);
        }

        var rows = await query.Take(page.EffectiveLimit + 1).ToListAsync(cancellationToken);
        var ids = rows.ConvertAll(s => s.Id);
        var blocks = (await db.ScheduleBlocks.AsNoTracking().Where(b => ids.Contains(b.ScheduleId)).ToListAsync(cancellationToken))
            .ToLookup(b => b.ScheduleId);
        return TypedResults.Ok(Paging.ToPage(
            rows, page.EffectiveLimit, s => cursors.Encode(new ScheduleCursor(s.Id)), s => ScheduleResponse.From(s, blocks[s.Id])));
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
