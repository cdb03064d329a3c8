using HealthCore.Platform.Auditing;
using HealthCore.Platform.Database;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HealthCore.Modules.Clinical;

/// <summary>
/// One state of a patient-level clinical record (an allergy, a problem), numbered from 1 per record and appended in the
/// same save as the change, so every earlier state stays readable as it was. The record itself is audited; its history
/// is derived from it and only ever added to.
/// </summary>
[NotAudited]
internal sealed class RecordVersion<TState> : ITenantOwned
    where TState : class
{
    public Guid RecordId { get; init; }

    public int Number { get; init; }

    public Guid TenantId { get; set; }

    /// <summary>create, update or entered-in-error.</summary>
    public required string Action { get; init; }

    public DateTimeOffset At { get; init; }

    public Guid? ActorId { get; init; }

    public string? Reason { get; init; }

    /// <summary>The record as it read after this change (its response, version included).</summary>
    public required TState State { get; init; }

    public static void Configure(EntityTypeBuilder<RecordVersion<TState>> version, string table)
    {
        version.ToTable(table);
        version.HasKey(v => new { v.RecordId, v.Number });
        version.Property(v => v.Action).HasMaxLength(32);
        version.Property(v => v.Reason).HasMaxLength(ClinicalDb.ReasonLength);
        version.Property(v => v.State).HasJsonConversion();
    }
}

/// <summary>A clinical record that keeps its history: its state after each change is appended as the next version.</summary>
internal interface IHistoried<TState> : IVersioned
    where TState : class
{
    Guid Id { get; }

    TState State(int version);
}

internal static class RecordHistory
{
    public const string Create = "create";
    public const string Update = "update";
    public const string EnteredInError = "entered-in-error";

    /// <summary>
    /// Appends the record's state after this save as its next version: a new record is version 0 (history number 1), a
    /// changed one will be saved as its version + 1. Call after the change, before SaveChanges.
    /// </summary>
    public static void Append<TState>(this ClinicalDb db, IHistoried<TState> record, string action, DateTimeOffset at, Guid? actorId, string? reason = null)
        where TState : class
    {
        var version = action == Create ? 0 : record.Version + 1;
        db.Set<RecordVersion<TState>>().Add(new RecordVersion<TState>
        {
            RecordId = record.Id, Number = version + 1, Action = action, At = at, ActorId = actorId, Reason = reason, State = record.State(version),
        });
    }

    public static async Task<HistoryList<TState>> ReadAsync<TState>(this ClinicalDb db, Guid recordId, CancellationToken cancellationToken)
        where TState : class =>
        new([.. (await db.Set<RecordVersion<TState>>().AsNoTracking().Where(v => v.RecordId == recordId).OrderBy(v => v.Number).ToListAsync(cancellationToken))
            .Select(v => new HistoryEntry<TState>(v.Number, v.Action, v.At, v.ActorId, v.Reason, v.State))]);
}

/// <summary>One state of a record: what changed it, when, by whom (and why, when it was entered in error), and how it read after.</summary>
internal sealed record HistoryEntry<TState>(int Number, string Action, DateTimeOffset At, Guid? ActorId, string? Reason, TState State);

/// <summary>Every state of a record, oldest first.</summary>
internal sealed record HistoryList<TState>(IReadOnlyList<HistoryEntry<TState>> Items);
