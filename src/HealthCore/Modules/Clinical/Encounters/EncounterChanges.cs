using HealthCore.Modules.Clinical.Contracts;
using HealthCore.Platform.Database;
using HealthCore.Platform.Http;
using Microsoft.EntityFrameworkCore;

namespace HealthCore.Modules.Clinical;

/// <summary>
/// Opening encounters and saving their steps, with the integration events each step raises in the same transaction:
/// <see cref="EncounterStarted"/> when the period starts, <see cref="EncounterClosed"/> when it completes,
/// <see cref="EncounterCancelled"/> when it is cancelled or entered in error.
/// </summary>
internal sealed class EncounterChanges(ClinicalDb db, TimeProvider clock)
{
    private static readonly string[] ByAppointment = [nameof(ITenantOwned.TenantId), nameof(Encounter.AppointmentId)];
    private static readonly string[] ByAdmission = [nameof(ITenantOwned.TenantId), nameof(Encounter.AdmissionId)];

    public DateTimeOffset Now { get; } = clock.GetUtcNow();

    public IQueryable<Encounter> Encounters => db.Encounters.Include(e => e.Participants).Include(e => e.History);

    public PreconditionProblem? CheckIfMatch(HttpRequest request, Encounter encounter) => db.CheckIfMatch(request, encounter);

    /// <summary>
    /// Opens the encounter, unless its appointment or admission already has one: then that one is returned, untouched,
    /// with <c>Opened</c> false. The unique index decides between racing callers (INSERT .. ON CONFLICT DO NOTHING), so
    /// an event delivered twice, even at once, opens one encounter.
    /// </summary>
    public async Task<(Encounter Encounter, bool Opened)> OpenOnceAsync(EncounterOpening opening, CancellationToken cancellationToken)
    {
        var encounter = Encounter.Open(opening, Now);
        if (opening.AppointmentId is null && opening.AdmissionId is null)
        {
            db.Encounters.Add(encounter);
            Published(encounter, null, false);
            await db.SaveChangesAsync(cancellationToken);
            return (encounter, true);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        encounter.TenantId = db.CurrentTenantId ?? throw new InvalidOperationException("Opening an encounter needs a current tenant.");
        if (!await db.InsertIfAbsentAsync(encounter, opening.AppointmentId is null ? ByAdmission : ByAppointment, cancellationToken))
        {
            var existing = await Encounters.SingleAsync(
                e => opening.AppointmentId != null ? e.AppointmentId == opening.AppointmentId : e.AdmissionId == opening.AdmissionId, cancellationToken);
            return (existing, false);
        }

        // The row is in; its participants and first status are ordinary inserts of the same transaction.
        db.EncounterParticipants.AddRange(encounter.Participants);
        db.EncounterStatusChanges.AddRange(encounter.History);
        db.Entry(encounter).State = EntityState.Unchanged;
        db.AuditEvent("create", nameof(Encounter), encounter.Id.ToString());
        Published(encounter, null, false);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (encounter, true);
    }

    /// <summary>
    /// Takes the action's step on a tracked encounter and saves it with its event; null when the current status does
    /// not allow it. Throws <see cref="DbUpdateConcurrencyException"/> when another request moved it first.
    /// </summary>
    public async Task<EncounterStatusChange?> MoveAsync(
        Encounter encounter, EncounterAction action, DateTimeOffset at, Guid? actorId, CancellationToken cancellationToken,
        string? reason = null, List<string>? overridden = null)
    {
        var (startedBefore, wasClosed) = (encounter.HasBegun, encounter.Status == EncounterStatus.Completed);
        var change = encounter.TryMove(action, at, Now, actorId, reason, overridden);
        if (change is null)
        {
            return null;
        }

        db.EncounterStatusChanges.Add(change);
        Published(encounter, startedBefore, wasClosed, overridden is { Count: > 0 });
        await db.SaveChangesAsync(cancellationToken);
        return change;
    }

    private void Published(Encounter e, bool? startedBefore, bool wasClosed, bool overridden = false)
    {
        var at = e.History[^1].At;
        var @class = QueryEnum.Name(e.Class);
        if (e.HasBegun && startedBefore != true && !e.IsVoid)
        {
            db.Publish(new EncounterStarted(e.Id, e.PatientId, @class, e.DepartmentId, e.FacilityId, e.AppointmentId, e.AdmissionId, e.PeriodStart!.Value), e.PeriodStart!.Value);
        }

        switch (e.Status)
        {
            case EncounterStatus.Completed:
                db.Publish(
                    new EncounterClosed(
                        e.Id, e.PatientId, @class, e.DepartmentId, e.FacilityId,
                        [.. e.Participants.Where(p => p.Role == ParticipantRole.Attender).Select(p => p.PractitionerId)],
                        e.AppointmentId, e.AdmissionId, e.PeriodStart!.Value, e.PeriodEnd!.Value, overridden),
                    at);
                break;
            case EncounterStatus.Cancelled or EncounterStatus.EnteredInError:
                db.Publish(new EncounterCancelled(e.Id, e.PatientId, QueryEnum.Name(e.Status), wasClosed, at), at);
                break;
        }
    }
}
