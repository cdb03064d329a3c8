using System.Text.Json;
using HealthCore.Modules.Admissions.Contracts;
using HealthCore.Platform.Database;
using HealthCore.Platform.Http;
using HealthCore.Platform.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace HealthCore.Modules.Admissions;

/// <summary>
/// One request's changes to beds and admissions: every bed status change goes to the bed's history and the outbox,
/// every movement of an admission to its event stream, and the save turns a lost race into a 409.
/// </summary>
internal sealed class Movements(AdmissionsDb db, TimeProvider clock, ICurrentTenant tenant)
{
    private static readonly JsonSerializerOptions DetailsJson = new(JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    private readonly Guid? actorId = tenant.UserId;
    private DateTimeOffset now = clock.GetUtcNow();

    public DateTimeOffset Now => now;

    public Guid? ActorId => actorId;

    /// <summary>
    /// Starts the request's transaction and, on PostgreSQL, locks the rows of the bed and the admission it will change
    /// (SQLite's write transaction already holds the whole database). A request racing for the same bed or admission
    /// waits here, then reads the winner's outcome and answers 409 without queueing for the audit chain; the unique
    /// indexes and version tokens remain the guarantee. Every handler locks a bed before an admission.
    /// </summary>
    public async Task<IDbContextTransaction> LockAsync(Guid? bedId, Guid? admissionId, CancellationToken cancellationToken)
    {
        var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (!db.IsSqlite && bedId is { } bed)
        {
            await db.Database.ExecuteSqlAsync(
                $"SELECT 1 FROM admissions.beds WHERE id = {bed} AND tenant_id = {db.CurrentTenantId} FOR UPDATE", cancellationToken);
        }

        if (!db.IsSqlite && admissionId is { } admission)
        {
            await db.Database.ExecuteSqlAsync(
                $"SELECT 1 FROM admissions.admissions WHERE id = {admission} AND tenant_id = {db.CurrentTenantId} FOR UPDATE", cancellationToken);
        }

        // "Now" is after whatever the request waited for, so it is never before a movement the winner recorded.
        now = clock.GetUtcNow();
        return transaction;
    }

    /// <summary>An instant from the request (or now): not in the future and not before what already happened.</summary>
    public ValidationProblem? Instant(DateTimeOffset? requested, string field, out DateTimeOffset at, params (DateTimeOffset After, string What)[] notBefore)
    {
        at = requested is { } given ? InstantStorage.ToStoredPrecision(given) : now;
        if (at > now)
        {
            return FieldErrors.Invalid(field, "The instant may not be in the future.");
        }

        foreach (var (after, what) in notBefore)
        {
            if (at < after)
            {
                return FieldErrors.Invalid(field, $"The instant may not be before {what} ({after.UtcDateTime:yyyy-MM-ddTHH:mm:ss.FFFFFFZ}).");
            }
        }

        return null;
    }

    /// <summary>The instant of a move into a bed: not before the admission's last movement nor the bed's last status change.</summary>
    public ValidationProblem? MoveInstant(DateTimeOffset? requested, string field, Admission admission, Bed bed, out DateTimeOffset at) =>
        Instant(requested, field, out at, (admission.LastMovementAt, "the admission's last movement"), (bed.EffectiveSince(now), "the bed's last status change"));

    /// <summary>Puts the admission's patient in the bed at <paramref name="at"/>; the caller checked the bed may take them.</summary>
    public void Occupy(Bed bed, Ward ward, Admission admission, DateTimeOffset at)
    {
        if (bed.ExpireReservation(now) is { } expired)
        {
            RecordBedChange(expired, admission: null);
        }

        RecordBedChange(bed.MoveTo(BedStatus.Occupied, at, reason: null, actorId, admission.Id), admission);
        db.Occupancies.Add(new BedOccupancy
        {
            BedId = bed.Id,
            WardId = bed.WardId,
            AdmissionId = admission.Id,
            PatientId = admission.PatientId,
            OccupiedAt = at,
        });
        admission.BedId = bed.Id;
        admission.WardId = bed.WardId;
        admission.FacilityId = ward.FacilityId;
        admission.Status = AdmissionStatus.Active;
    }

    /// <summary>Takes the admission's patient out of their bed at <paramref name="at"/>; the bed goes to cleaning.</summary>
    public async Task VacateAsync(Admission admission, DateTimeOffset at, string reason, CancellationToken cancellationToken)
    {
        var occupancy = await db.Occupancies.SingleAsync(o => o.AdmissionId == admission.Id && o.ReleasedAt == null, cancellationToken);
        occupancy.ReleasedAt = at;
        var bed = await db.Beds.SingleAsync(b => b.Id == occupancy.BedId, cancellationToken);
        RecordBedChange(bed.MoveTo(BedStatus.Cleaning, at, reason, actorId, admission.Id), admission);
        admission.BedId = null;
        admission.WardId = null;
    }

    /// <summary>Records a bed status change in the bed's history and the outbox, and in the admission's stream when it caused it.</summary>
    public void RecordBedChange(BedStatusChange change, Admission? admission)
    {
        db.BedStatusChanges.Add(change);
        db.Publish(
            new BedStatusChanged(change.BedId, change.WardId, QueryEnum.Name(change.FromStatus), QueryEnum.Name(change.ToStatus), change.Reason, change.AdmissionId, change.ChangedAt),
            change.ChangedAt);
        if (admission is not null)
        {
            Append(admission, AdmissionEventType.BedStatusChanged, change.ChangedAt, new EventLocation(change.BedId, change.WardId, null), bedChange: change);
        }
    }

    /// <summary>Appends an event to the admission's stream; the unique (admission, sequence) index rejects a concurrent append.</summary>
    public void Append(
        Admission admission,
        AdmissionEventType type,
        DateTimeOffset at,
        EventLocation? to = null,
        EventLocation? from = null,
        BedStatusChange? bedChange = null,
        string? reason = null,
        object? details = null)
    {
        admission.LastSequence++;
        if (type != AdmissionEventType.BedStatusChanged)
        {
            admission.LastMovementAt = at;
        }

        db.Events.Add(new AdmissionEvent
        {
            AdmissionId = admission.Id,
            Sequence = admission.LastSequence,
            Type = type,
            OccurredAt = at,
            RecordedAt = now,
            ActorId = actorId,
            PatientId = admission.PatientId,
            BedId = to?.BedId,
            WardId = to?.WardId,
            DepartmentId = to?.DepartmentId,
            FromBedId = from?.BedId,
            FromWardId = from?.WardId,
            FromDepartmentId = from?.DepartmentId,
            BedStatusFrom = bedChange?.FromStatus,
            BedStatusTo = bedChange?.ToStatus,
            Reason = reason,
            Details = details is null ? null : JsonSerializer.Serialize(details, DetailsJson),
        });
    }

    /// <summary>
    /// Saves, or answers 409 when a concurrent request won: a bed's or admission's version moved on, or one of the
    /// unique indexes (one open occupancy per bed, admission and patient; one open admission per patient; one event per
    /// sequence number) rejected the write. <paramref name="explain"/> reads the state that won, with a clean context.
    /// </summary>
    public async Task<ConflictProblem?> SaveAsync(Func<Task<ConflictProblem>> explain, CancellationToken cancellationToken)
    {
        var transaction = db.Database.CurrentTransaction;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            if (transaction is not null)
            {
                await transaction.CommitAsync(cancellationToken);
            }

            return null;
        }
        catch (DbUpdateException exception) when (exception is DbUpdateConcurrencyException || exception.IsUniqueViolation())
        {
            if (transaction is not null)
            {
                await transaction.RollbackAsync(cancellationToken);
            }

            db.ChangeTracker.Clear();
            return await explain();
        }
    }

}

internal sealed record EventLocation(Guid? BedId, Guid? WardId, Guid? DepartmentId);
