using HealthCore.Modules.Patients.Contracts;
using HealthCore.Platform.Http;
using HealthCore.Platform.Http.Paging;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace HealthCore.Modules.Clinical;

internal sealed record VitalsCursor(DateTimeOffset EffectiveAt, Guid Id);

/// <summary>A patient's or an encounter's vitals sets, newest first, every status included (a chart shows what was struck out).</summary>
internal static class ListVitals
{
    public static async Task<Results<Ok<Page<VitalsResponse>>, ValidationProblem, NotFoundProblem>> ForPatient(
        Guid id, [AsParameters] PageRequest page, DateTimeOffset? from, DateTimeOffset? to, ClinicalDb db, IPatientDirectory patients, CursorCodec cursors,
        CancellationToken cancellationToken)
    {
        if (await patients.FindAsync(id, cancellationToken) is null)
        {
            return NotFoundProblem.For("Patient", id);
        }

        return await PageAsync(db.VitalsObservations.AsNoTracking().Where(v => v.PatientId == id), page, from, to, cursors, cancellationToken);
    }

    public static async Task<Results<Ok<Page<VitalsResponse>>, ValidationProblem, NotFoundProblem>> ForEncounter(
        Guid id, [AsParameters] PageRequest page, DateTimeOffset? from, DateTimeOffset? to, ClinicalDb db, CursorCodec cursors, CancellationToken cancellationToken)
    {
        if (!await db.Encounters.AnyAsync(e => e.Id == id, cancellationToken))
        {
            return NotFoundProblem.For("Encounter", id);
        }

        return await PageAsync(db.VitalsObservations.AsNoTracking().Where(v => v.EncounterId == id), page, from, to, cursors, cancellationToken);
    }

    private static async Task<Results<Ok<Page<VitalsResponse>>, ValidationProblem, NotFoundProblem>> PageAsync(
        IQueryable<VitalsObservation> query, PageRequest page, DateTimeOffset? from, DateTimeOffset? to, CursorCodec cursors, CancellationToken cancellationToken)
    {
        if ((PlausibleDates.OutOfRange("from", from) ?? PlausibleDates.OutOfRange("to", to)) is { } invalid)
        {
            return invalid;
        }

        if (from is not null && to is not null && to <= from)
        {
            return FieldErrors.Invalid("to", "to must be after from.");
        }

        if (from is { } start)
        {
            query = query.Where(v => v.EffectiveAt >= start);
        }

        if (to is { } end)
        {
            query = query.Where(v => v.EffectiveAt < end);
        }

        if (page.Cursor is not null)
        {
            if (!cursors.TryDecode<VitalsCursor>(page.Cursor, out var position))
            {
                return Paging.InvalidCursor();
            }

            query = query.Where(v => v.EffectiveAt < position!.EffectiveAt || (v.EffectiveAt == position.EffectiveAt && v.Id.CompareTo(position.Id) < 0));
        }

        var rows = await query.OrderByDescending(v => v.EffectiveAt).ThenByDescending(v => v.Id).Take(page.EffectiveLimit + 1).ToListAsync(cancellationToken);
        return TypedResults.Ok(Paging.ToPage(rows, page.EffectiveLimit, v => cursors.Encode(new VitalsCursor(v.EffectiveAt, v.Id)), VitalsResponse.From));
    }
}
