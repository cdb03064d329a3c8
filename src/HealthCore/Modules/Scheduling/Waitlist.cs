using System.ComponentModel.DataAnnotations;
using HealthCore.Platform.Http;
using HealthCore.Platform.Http.Paging;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace HealthCore.Modules.Scheduling;

/// <param name="EarliestStart">The earliest start the patient can take.</param>
/// <param name="LatestEnd">The latest end the patient can take.</param>
internal sealed record CreateWaitlistEntryRequest(
    [Required] Guid? PatientId,
    Guid? PractitionerId,
    Guid? DepartmentId,
    [Required] DateTimeOffset? EarliestStart,
    [Required] DateTimeOffset? LatestEnd,
    WaitlistPriority? Priority,
    AppointmentType? Type,
    [StringLength(SchedulingDb.TextLength)] string? Reason) : IValidatableObject
{
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (PractitionerId is null && DepartmentId is null)
        {
            yield return new ValidationResult("Wait for a practitionerId, a departmentId, or both.", [nameof(PractitionerId)]);
        }

        if (EarliestStart is not null && LatestEnd is not null && LatestEnd <= EarliestStart)
        {
            yield return new ValidationResult("latestEnd must be after earliestStart.", [nameof(LatestEnd)]);
        }

        if (EarliestStart is not null && LatestEnd is not null && LatestEnd - EarliestStart > TimeSpan.FromDays(366))
        {
            yield return new ValidationResult("A waitlist window spans at most 366 days.", [nameof(LatestEnd)]);
        }
    }
}

internal sealed record WaitlistCursor(Guid After);

internal static class Waitlist
{
    public static async Task<Results<Created<WaitlistEntryResponse>, ValidationProblem, UnprocessableProblem, ConflictProblem>> Create(
        CreateWaitlistEntryRequest request, SchedulingDb db, SchedulingLookups lookups, TimeProvider clock, HttpContext http,
        CancellationToken cancellationToken)
    {
        var patientId = request.PatientId!.Value;
        var patient = await lookups.FindPatientAsync(patientId, cancellationToken);
        if (patient is null)
        {
            return FieldErrors.Invalid("patientId", $"No patient with id '{patientId}' exists in this tenant.");
        }

        if (!patient.Active)
        {
            return Booking.PatientInactive(patientId);
        }

        if (request.PractitionerId is { } practitionerId && !await lookups.PractitionerExistsAsync(practitionerId, cancellationToken))
        {
            return FieldErrors.Invalid("practitionerId", $"No practitioner with id '{practitionerId}' exists in this tenant.");
        }

        if (request.DepartmentId is { } departmentId && !await lookups.DepartmentExistsAsync(departmentId, cancellationToken))
        {
            return FieldErrors.Invalid("departmentId", $"No department with id '{departmentId}' exists in this tenant.");
        }

        var now = clock.GetUtcNow();
        if (request.LatestEnd <= now)
        {
            return new UnprocessableProblem("The window is over.", "The waitlist window must end in the future.");
        }

        var duplicate = await db.Waitlist.AsNoTracking().AnyAsync(
            e => e.PatientId == patientId && e.PractitionerId == request.PractitionerId && e.DepartmentId == request.DepartmentId
                && (e.Status == WaitlistStatus.Waiting || e.Status == WaitlistStatus.Offered)
                && e.WindowFrom < request.LatestEnd && e.WindowTo > request.EarliestStart,
            cancellationToken);
        if (duplicate)
        {
            return new ConflictProblem("The patient is already waiting.", "The patient already has an open entry for the same practitioner and department in an overlapping window.");
        }

        var entry = new WaitlistEntry
        {
            PatientId = patientId,
            PractitionerId = request.PractitionerId,
            DepartmentId = request.DepartmentId,
            WindowFrom = request.EarliestStart!.Value,
            WindowTo = request.LatestEnd!.Value,
            Priority = request.Priority ?? WaitlistPriority.Normal,
            Type = request.Type,
            Reason = request.Reason,
            CreatedAt = now,
            StatusChangedAt = now,
        };
        db.Waitlist.Add(entry);
        await db.SaveChangesAsync(cancellationToken);
        http.SetETag(entry);
        return TypedResults.Created($"/api/v1/waitlist/{entry.Id}", WaitlistEntryResponse.From(entry));
    }

    public static async Task<Results<Ok<Page<WaitlistEntryResponse>>, ValidationProblem>> List(
        Guid? patientId, Guid? practitionerId, Guid? departmentId, string? status, [AsParameters] PageRequest page, SchedulingDb db,
        CursorCodec cursors, CancellationToken cancellationToken)
    {
        var query = db.Waitlist.AsNoTracking().OrderBy(e => e.Id).AsQueryable();
        if (patientId is not null)
        {
            query = query.Where(e => e.PatientId == patientId);
        }

        if (practitionerId is not null)
        {
            query = query.Where(e => e.PractitionerId == practitionerId);
        }

        if (departmentId is not null)
        {
            query = query.Where(e => e.DepartmentId == departmentId);
        }

        if (status is not null)
        {
            if (!SchedulingProblems.TryParse<WaitlistStatus>(status, "status", out var wanted, out var invalid))
            {
                return invalid;
            }

            query = query.Where(e => e.Status == wanted);
        }

        if (page.Cursor is not null)
        {
            if (!cursors.TryDecode<WaitlistCursor>(page.Cursor, out var position))
            {
                return Paging.InvalidCursor();
            }

            query = query.Where(e => e.Id.CompareTo(position!.After) > 0);
        }

        var rows = await query.Take(page.EffectiveLimit + 1).ToListAsync(cancellationToken);
        return TypedResults.Ok(Paging.ToPage(rows, page.EffectiveLimit, e => cursors.Encode(new WaitlistCursor(e.Id)), WaitlistEntryResponse.From));
    }

    public static async Task<Results<Ok<WaitlistEntryResponse>, NotFoundProblem>> Get(
        Guid id, SchedulingDb db, HttpContext http, CancellationToken cancellationToken)
    {
        var entry = await db.Waitlist.AsNoTracking().SingleOrDefaultAsync(e => e.Id == id, cancellationToken);
        if (entry is null)
        {
            return NotFoundProblem.For("Waitlist entry", id);
        }

        http.SetETag(entry);
        return TypedResults.Ok(WaitlistEntryResponse.From(entry));
    }

    public static async Task<Results<Ok<AppointmentResponse>, NotFoundProblem, ConflictProblem, UnprocessableProblem>> Accept(
        Guid id, SchedulingDb db, SchedulingLookups lookups, TimeProvider clock, HttpContext http, CancellationToken cancellationToken)
    {
        var (entry, offer, problem) = await FindOfferAsync(db, id, cancellationToken);
        if (entry is null)
        {
            return NotFoundProblem.For("Waitlist entry", id);
        }

        if (problem is not null)
        {
            return problem;
        }

        var now = clock.GetUtcNow();
        if (offer!.OfferExpiresAt <= now)
        {
            return new ConflictProblem("The offer has expired.", $"The place was held until {offer.OfferExpiresAt:O}; it passes to the next patient.");
        }

        if (await lookups.FindPatientAsync(entry.PatientId, cancellationToken) is { Active: false })
        {
            return Booking.PatientInactive(entry.PatientId);
        }

        offer.TryApply(AppointmentAction.AcceptOffer, now);
        entry.Status = WaitlistStatus.Booked;
        entry.StatusChangedAt = now;
        db.AuditAs(offer, "accept-offer");
        db.Publish(Booking.Booked(offer), now);
        if (!await ChangeAppointmentStatus.TrySaveAsync(db, cancellationToken))
        {
            return SchedulingProblems.ChangedConcurrently("offer");
        }

        http.SetETag(offer);
        return TypedResults.Ok(await AppointmentResponse.DetailAsync(db, offer, cancellationToken));
    }

    public static async Task<Results<Ok<WaitlistEntryResponse>, NotFoundProblem, ConflictProblem>> Decline(
        Guid id, SchedulingDb db, WaitlistOffers offers, TimeProvider clock, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var (entry, offer, problem) = await FindOfferAsync(db, id, cancellationToken);
        if (entry is null)
        {
            return NotFoundProblem.For("Waitlist entry", id);
        }

        if (problem is not null)
        {
            return problem;
        }

        try
        {
            await offers.LapseAsync(offer!, AppointmentAction.DeclineOffer, clock.GetUtcNow(), cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return SchedulingProblems.ChangedConcurrently("offer");
        }

        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Ok(WaitlistEntryResponse.From(entry));
    }

    public static async Task<Results<Ok<WaitlistEntryResponse>, NotFoundProblem, ConflictProblem>> Cancel(
        Guid id, SchedulingDb db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var entry = await db.Waitlist.SingleOrDefaultAsync(e => e.Id == id, cancellationToken);
        if (entry is null)
        {
            return NotFoundProblem.For("Waitlist entry", id);
        }

        if (entry.Status != WaitlistStatus.Waiting)
        {
            return EntryNot(entry, WaitlistStatus.Waiting, "Only a waiting entry can be cancelled; decline an open offer instead.");
        }

        entry.Status = WaitlistStatus.Cancelled;
        entry.StatusChangedAt = clock.GetUtcNow();
        return await ChangeAppointmentStatus.TrySaveAsync(db, cancellationToken)
            ? TypedResults.Ok(WaitlistEntryResponse.From(entry))
            : SchedulingProblems.ChangedConcurrently("waitlist entry");
    }

    private static async Task<(WaitlistEntry? Entry, Appointment? Offer, ConflictProblem? Problem)> FindOfferAsync(
        SchedulingDb db, Guid id, CancellationToken cancellationToken)
    {
        var entry = await db.Waitlist.SingleOrDefaultAsync(e => e.Id == id, cancellationToken);
        if (entry is null)
        {
            return (null, null, null);
        }

        var offer = entry is { Status: WaitlistStatus.Offered, OfferedAppointmentId: { } appointmentId }
            ? await db.Appointments.SingleOrDefaultAsync(a => a.Id == appointmentId, cancellationToken)
            : null;
        return offer is { Status: AppointmentStatus.Offered }
            ? (entry, offer, null)
            : (entry, null, EntryNot(entry, WaitlistStatus.Offered, "There is no open offer on this entry."));
    }

    private static ConflictProblem EntryNot(WaitlistEntry entry, WaitlistStatus expected, string detail) => new(
        $"The waitlist entry is {QueryEnum.Name(entry.Status)}.",
        $"{detail} The entry must be {QueryEnum.Name(expected)}.",
        new Dictionary<string, object?> { ["currentStatus"] = QueryEnum.Name(entry.Status) });
}
