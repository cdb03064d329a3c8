using HealthCore.Platform.Http;
using HealthCore.Modules.Scheduling.Contracts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HealthCore.Modules.Scheduling;

/// <summary>A place that an appointment gave up: its schedule, times and the slots it counted in.</summary>
internal sealed record FreedPlace(Schedule Schedule, DateTimeOffset StartsAt, DateTimeOffset EndsAt, AppointmentType Type, IReadOnlyList<Slot> Slots)
{
    public static async Task<FreedPlace?> OfAsync(SchedulingDb db, Appointment appointment, CancellationToken cancellationToken)
    {
        var (schedule, slots) = await Placements.OccupiedByAsync(db, appointment, cancellationToken);
        return schedule is null || slots.Count == 0 ? null : new FreedPlace(schedule, appointment.StartsAt, appointment.EndsAt, appointment.Type, slots);
    }
}

/// <summary>
/// Hands freed places to the waitlist: the highest-priority, earliest entry that fits (resource, window, and the
/// patient free at that time) gets the place held as an <c>offered</c> appointment for <see cref="SchedulingOptions.OfferHoldTime"/>.
/// Runs inside the transaction that freed the place, so the place moves from one appointment to the other without
/// ever looking free; entries and patients another transaction is working on are skipped, never waited for. Nothing
/// here saves: the caller saves once, last, because the audit chain head that saving locks must be the last lock taken.
/// </summary>
internal sealed class WaitlistOffers(SchedulingDb db, SchedulingLookups lookups, IOptions<SchedulingOptions> options)
{
    private const int CandidatesPerPlace = 20;

    /// <summary>Offers the place to the waitlist or, when nobody fits, frees it; the caller saves (see <see cref="OfferAsync"/>).</summary>
    public async Task<Appointment?> FreeAsync(FreedPlace? place, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (place is null)
        {
            return null;
        }

        var offer = await OfferAsync(place, now, cancellationToken);
        if (offer is null)
        {
            await SlotLedger.FreeAsync(db, place.Schedule.ResourceKey, place.Slots.Select(s => s.StartsAt), cancellationToken);
        }

        return offer;
    }

    /// <summary>
    /// The offer of the place to the best-fitting waiting entry, added to the context but not saved: the caller saves it
    /// with the change that freed the place, after any slot rows (the audit chain head is the last lock a transaction takes).
    /// Null when the place is past, overbooked, auto-promotion is off, or nobody fits; the place is then still counted.
    /// </summary>
    public async Task<Appointment?> OfferAsync(FreedPlace place, DateTimeOffset now, CancellationToken cancellationToken) =>
        place.StartsAt > now && !await OverbookedAsync(place, cancellationToken) ? await TryOfferAsync(place, now, cancellationToken) : null;

    /// <summary>
    /// Ends an offer (declined, or expired) and passes the place on. Throws DbUpdateConcurrencyException when the offer
    /// changed meanwhile (e.g. it was accepted at the same moment).
    /// </summary>
    public async Task<Appointment?> LapseAsync(Appointment offered, AppointmentAction action, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var lapsed = action == AppointmentAction.DeclineOffer
            ? offered.TryCancel("Waitlist offer declined.", now, action)
            : offered.TryApply(action, now);
        if (!lapsed)
        {
            return null;
        }

        var entry = offered.WaitlistEntryId is { } entryId ? await db.Waitlist.SingleOrDefaultAsync(e => e.Id == entryId, cancellationToken) : null;
        if (entry is { Status: WaitlistStatus.Offered } && entry.OfferedAppointmentId == offered.Id)
        {
            entry.Status = WaitlistStatus.Lapsed;
            entry.StatusChangedAt = now;
        }

        db.Publish(new WaitlistOfferLapsed(entry?.Id ?? Guid.Empty, offered.Id, offered.PatientId, QueryEnum.Name(offered.Status)), now);
        var next = await FreeAsync(await FreedPlace.OfAsync(db, offered, cancellationToken), now, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return next;
    }

    // Freeing a place in an overbooked slot only brings it back to capacity: there is nothing to offer.
    private async Task<bool> OverbookedAsync(FreedPlace place, CancellationToken cancellationToken)
    {
        var key = place.Schedule.ResourceKey;
        var taken = await SlotLedger.TakenAsync(db, [key], place.Slots[0].StartsAt, place.Slots[^1].EndsAt, cancellationToken);
        return place.Slots.Any(slot => taken.GetValueOrDefault((key, slot.StartsAt)) > place.Schedule.Capacity);
    }

    private async Task<Appointment?> TryOfferAsync(FreedPlace place, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (!(await lookups.DefaultsAsync(cancellationToken)).WaitlistAutoPromotion)
        {
            return null;
        }

        var schedule = place.Schedule;
        var candidates = await db.Waitlist
            .Where(e => e.Status == WaitlistStatus.Waiting
                && (e.PractitionerId == null || e.PractitionerId == schedule.PractitionerId)
                && (e.DepartmentId == null || e.DepartmentId == schedule.DepartmentId)
                && e.WindowFrom <= place.StartsAt && e.WindowTo >= place.EndsAt)
            .OrderByDescending(e => e.Priority).ThenBy(e => e.CreatedAt).ThenBy(e => e.Id)
            .Take(CandidatesPerPlace)
            .ToListAsync(cancellationToken);
        foreach (var entry in candidates)
        {
            if (!await BookingLocks.TryLockAsync(db, BookingLocks.WaitlistEntry, entry.Id, cancellationToken))
            {
                continue;
            }

            // Read again under the lock: another transaction may have offered this entry something since the query.
            await db.Entry(entry).ReloadAsync(cancellationToken);
            if (entry.Status != WaitlistStatus.Waiting
                || !await BookingLocks.TryLockAsync(db, BookingLocks.Patient, entry.PatientId, cancellationToken)
                || await Placements.PatientOverlapAsync(db, entry.PatientId, place.StartsAt, place.EndsAt, null, cancellationToken) is not null
                || await lookups.FindPatientAsync(entry.PatientId, cancellationToken) is not { Active: true })
            {
                continue;
            }

            var expiresAt = now + options.Value.OfferHoldTime < place.StartsAt ? now + options.Value.OfferHoldTime : place.StartsAt;
            var offer = Appointment.Offer(schedule, entry, place.StartsAt, place.EndsAt, place.Type, now, expiresAt);
            entry.Status = WaitlistStatus.Offered;
            entry.OfferedAppointmentId = offer.Id;
            entry.StatusChangedAt = now;
            db.Appointments.Add(offer);
            db.Publish(new WaitlistOfferMade(entry.Id, offer.Id, entry.PatientId, offer.StartsAt, offer.EndsAt, expiresAt), now);
            return offer;
        }

        return null;
    }
}
