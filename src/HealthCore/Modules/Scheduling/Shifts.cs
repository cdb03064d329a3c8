using System.ComponentModel.DataAnnotations;
using HealthCore.Platform.Http;
using HealthCore.Platform.Time;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace HealthCore.Modules.Scheduling;

internal sealed record CreateShiftRequest(
    [Required] Guid? DepartmentId,
    [Required, StringLength(SchedulingDb.ModalityLength, MinimumLength = 1)] string Role,
    [Required] DateTimeOffset? StartsAt,
    [Required] DateTimeOffset? EndsAt,
    [Range(1, 100)] int? RequiredHeadcount,
    [MaxLength(100)] Guid[]? PractitionerIds) : IValidatableObject
{
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (StartsAt is not null && EndsAt is not null && EndsAt <= StartsAt)
        {
            yield return new ValidationResult("endsAt must be after startsAt.", [nameof(EndsAt)]);
        }

        if (StartsAt is not null && EndsAt is not null && EndsAt - StartsAt > TimeSpan.FromHours(24))
        {
            yield return new ValidationResult("A shift lasts at most 24 hours.", [nameof(EndsAt)]);
        }

        if (PractitionerIds is not null && PractitionerIds.Distinct().Count() != PractitionerIds.Length)
        {
            yield return new ValidationResult("Each practitioner may be assigned once.", [nameof(PractitionerIds)]);
        }
    }
}

internal sealed record AssignShiftRequest([Required] Guid? PractitionerId);

/// <summary>Department staffing shifts. A practitioner is never assigned two overlapping shifts.</summary>
internal static class Shifts
{
    public static async Task<Results<Created<ShiftResponse>, ValidationProblem, ConflictProblem>> Create(
        CreateShiftRequest request, SchedulingDb db, SchedulingLookups lookups, TimeProvider clock, HttpContext http, CancellationToken cancellationToken)
    {
        var departmentId = request.DepartmentId!.Value;
        if (!await lookups.DepartmentExistsAsync(departmentId, cancellationToken))
        {
            return FieldErrors.Invalid("departmentId", $"No department with id '{departmentId}' exists in this tenant.");
        }

        var practitioners = request.PractitionerIds ?? [];
        for (var i = 0; i < practitioners.Length; i++)
        {
            if (!await lookups.PractitionerExistsAsync(practitioners[i], cancellationToken))
            {
                return FieldErrors.Invalid($"practitionerIds[{i}]", $"No practitioner with id '{practitioners[i]}' exists in this tenant.");
            }
        }

        var now = clock.GetUtcNow();
        var shift = new Shift
        {
            DepartmentId = departmentId,
            Role = request.Role.Trim(),
            StartsAt = request.StartsAt!.Value,
            EndsAt = request.EndsAt!.Value,
            RequiredHeadcount = request.RequiredHeadcount ?? 1,
            CreatedAt = now,
        };
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.Shifts.Add(shift);
        var assignments = new List<ShiftAssignment>();
        foreach (var practitionerId in practitioners.Order())
        {
            var (assignment, conflict) = await AssignAsync(db, shift, practitionerId, now, cancellationToken);
            if (conflict is not null)
            {
                return conflict;
            }

            assignments.Add(assignment!);
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        http.SetETag(shift);
        return TypedResults.Created($"/api/v1/shifts/{shift.Id}", ShiftResponse.From(shift, assignments));
    }

    public static async Task<Results<Ok<ShiftResponse>, NotFoundProblem, ValidationProblem, ConflictProblem>> Assign(
        Guid id, AssignShiftRequest request, SchedulingDb db, SchedulingLookups lookups, TimeProvider clock, HttpContext http,
        CancellationToken cancellationToken)
    {
        var practitionerId = request.PractitionerId!.Value;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var shift = await db.Shifts.SingleOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (shift is null)
        {
            return NotFoundProblem.For("Shift", id);
        }

        if (!await lookups.PractitionerExistsAsync(practitionerId, cancellationToken))
        {
            return FieldErrors.Invalid("practitionerId", $"No practitioner with id '{practitionerId}' exists in this tenant.");
        }

        if (await db.ShiftAssignments.AnyAsync(a => a.ShiftId == id && a.PractitionerId == practitionerId, cancellationToken))
        {
            return new ConflictProblem("The practitioner is already assigned to this shift.", null);
        }

        if ((await AssignAsync(db, shift, practitionerId, clock.GetUtcNow(), cancellationToken)).Conflict is { } conflict)
        {
            return conflict;
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        var assignments = await db.ShiftAssignments.AsNoTracking().Where(a => a.ShiftId == id).ToListAsync(cancellationToken);
        http.SetETag(shift);
        return TypedResults.Ok(ShiftResponse.From(shift, assignments));
    }

    public static async Task<Results<Ok<List<ShiftResponse>>, ValidationProblem>> List(
        DateOnly? date, Guid? departmentId, SchedulingDb db, SchedulingLookups lookups, CancellationToken cancellationToken)
    {
        if (date is null)
        {
            return FieldErrors.Invalid("date", "The date (yyyy-MM-dd) is required.");
        }

        if (PlausibleDates.OutOfRange("date", date) is { } outOfRange)
        {
            return outOfRange;
        }

        var zone = TimeZoneInfo.FindSystemTimeZoneById((await lookups.DefaultsAsync(cancellationToken)).TimeZone);
        var from = LocalDays.StartOf(date.Value, zone);
        var to = LocalDays.StartOf(date.Value.AddDays(1), zone);
        var query = db.Shifts.AsNoTracking().Where(s => s.StartsAt < to && s.EndsAt > from);
        if (departmentId is not null)
        {
            query = query.Where(s => s.DepartmentId == departmentId);
        }

        var shifts = await query.OrderBy(s => s.StartsAt).ThenBy(s => s.Id).Take(1000).ToListAsync(cancellationToken);
        var ids = shifts.ConvertAll(s => s.Id);
        var assignments = (await db.ShiftAssignments.AsNoTracking().Where(a => ids.Contains(a.ShiftId)).ToListAsync(cancellationToken))
            .ToLookup(a => a.ShiftId);
        return TypedResults.Ok(shifts.ConvertAll(s => ShiftResponse.From(s, assignments[s.Id])));
    }

    // Serialised per practitioner, so two assignments made at once cannot both miss each other.
    private static async Task<(ShiftAssignment? Assignment, ConflictProblem? Conflict)> AssignAsync(
        SchedulingDb db, Shift shift, Guid practitionerId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await BookingLocks.LockAsync(db, BookingLocks.Practitioner, practitionerId, cancellationToken);
        var overlapping = await db.ShiftAssignments.AsNoTracking()
            .Where(a => a.PractitionerId == practitionerId && a.StartsAt < shift.EndsAt && a.EndsAt > shift.StartsAt)
            .OrderBy(a => a.StartsAt)
            .FirstOrDefaultAsync(cancellationToken);
        if (overlapping is not null)
        {
            return (null, new ConflictProblem(
                "The practitioner already works an overlapping shift.",
                $"Practitioner {practitionerId} is assigned to shift {overlapping.ShiftId} from {overlapping.StartsAt:O} to {overlapping.EndsAt:O}.",
                new Dictionary<string, object?> { ["practitionerId"] = practitionerId, ["conflictingShiftId"] = overlapping.ShiftId }));
        }

        var assignment = new ShiftAssignment
        {
            ShiftId = shift.Id,
            PractitionerId = practitionerId,
            StartsAt = shift.StartsAt,
            EndsAt = shift.EndsAt,
            AssignedAt = now,
        };
        db.ShiftAssignments.Add(assignment);
        return (assignment, null);
    }
}
