using System.ComponentModel.DataAnnotations;
using HealthCore.Platform.Http;
using HealthCore.Platform.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using HealthCore.Platform.Time;

namespace HealthCore.Modules.Scheduling;

internal sealed record AddScheduleExceptionRequest(
    [Required, PlausibleDate] DateOnly? FromDate,
    [Required, PlausibleDate] DateOnly? ToDate,
    [Required, StringLength(SchedulingDb.TextLength, MinimumLength = 1)] string Reason) : IValidatableObject
{
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (FromDate is not null && ToDate is not null && ToDate < FromDate)
        {
            yield return new ValidationResult("toDate must not be before fromDate.", [nameof(ToDate)]);
        }

        if (FromDate is not null && ToDate is not null && ToDate.Value.DayNumber - FromDate.Value.DayNumber > 366)
        {
            yield return new ValidationResult("An exception covers at most 367 days.", [nameof(ToDate)]);
        }
    }
}

/// <param name="AffectedAppointments">Active appointments inside the blocked dates: they are kept, for staff to move or cancel.</param>
internal sealed record ScheduleExceptionCreated(
    Guid Id, Guid ScheduleId, DateOnly FromDate, DateOnly ToDate, string Reason, IReadOnlyList<AppointmentResponse> AffectedAppointments);

internal static class AddScheduleException
{
    public static async Task<Results<Created<ScheduleExceptionCreated>, NotFoundProblem>> Handle(
        Guid id, AddScheduleExceptionRequest request, SchedulingDb db, ICurrentTenant current, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var schedule = await db.Schedules.AsNoTracking().SingleOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (schedule is null)
        {
            return NotFoundProblem.For("Schedule", id);
        }

        var block = new ScheduleBlock
        {
            ScheduleId = id,
            FromDate = request.FromDate!.Value,
            ToDate = request.ToDate!.Value,
            Reason = request.Reason,
            CreatedBy = current.UserId,
            CreatedAt = clock.GetUtcNow(),
        };
        db.ScheduleBlocks.Add(block);
        await db.SaveChangesAsync(cancellationToken);

        // Reported, not cancelled: whether to move, cancel or still see these patients is a person's decision.
        var zone = schedule.Zone;
        var from = LocalDays.StartOf(block.FromDate, zone);
        var to = LocalDays.StartOf(block.ToDate.AddDays(1), zone);
        var affected = await db.Appointments.AsNoTracking()
            .Where(a => a.ScheduleId == id && Appointment.Active.Contains(a.Status) && a.StartsAt >= from && a.StartsAt < to)
            .OrderBy(a => a.StartsAt)
            .ToListAsync(cancellationToken);
        return TypedResults.Created(
            $"/api/v1/schedules/{id}",
            new ScheduleExceptionCreated(block.Id, id, block.FromDate, block.ToDate, block.Reason, affected.ConvertAll(a => AppointmentResponse.From(a, zone))));
    }
}
