using System.Linq.Expressions;
using HealthCore.Platform.Http.Paging;

namespace HealthCore.Modules.Clinical.Contracts;

/// <summary>
/// Supplies one kind of entry to a patient's timeline (<c>GET /api/v1/patients/{id}/timeline</c>). A module plugs in by
/// registering an implementation (<c>services.AddScoped&lt;IPatientTimelineSource, ...&gt;()</c>); the timeline merges every
/// source's page by (occurredAt desc, kind, id desc). Each read must be one bounded query an index on
/// (patient, occurred time) serves, within the caller's tenant and facilities.
/// </summary>
internal interface IPatientTimelineSource
{
    TimelineKind Kind { get; }

    /// <summary>
    /// The patient's entries in <see cref="TimelineRequest.Window"/>, newest first (occurredAt desc, then id desc), at
    /// most its limit; entries entered in error only when <see cref="TimelineRequest.IncludeEnteredInError"/>.
    /// </summary>
    Task<IReadOnlyList<TimelineEntry>> ReadAsync(TimelineRequest request, CancellationToken cancellationToken);
}

/// <summary>A kind of timeline entry and the permission a caller needs to see it.</summary>
/// <param name="Name">The value of <c>kind</c> in the query and the entries, e.g. appointment, vitals.</param>
/// <param name="Permission">What the caller must hold; kinds whose permission they lack are left out, or refused when asked for.</param>
internal sealed record TimelineKind(string Name, string Permission);

/// <param name="ReadClinical">Whether the caller holds clinical.read: without it, titles carry no clinical content (e.g. an encounter's reason).</param>
internal sealed record TimelineRequest(Guid PatientId, InstantWindow Window, bool IncludeEnteredInError, bool ReadClinical);

/// <summary>Something that happened to the patient.</summary>
/// <param name="Id">The record's id, unique within its kind.</param>
/// <param name="Title">A short summary, e.g. "Follow-up appointment".</param>
/// <param name="Status">The record's status as its module spells it (booked, completed, final, signed, ...).</param>
/// <param name="EnteredInError">The record (or the encounter it belongs to) was entered in error.</param>
/// <param name="EncounterId">The encounter it belongs to, where it applies.</param>
/// <param name="Path">The API path of the record, e.g. /api/v1/encounters/{id}.</param>
internal sealed record TimelineEntry(
    Guid Id, DateTimeOffset OccurredAt, string Title, string Status, bool EnteredInError, Guid? EncounterId, string Path);

/// <summary>What every timeline source does with its query.</summary>
internal static class TimelineQueries
{
    /// <summary>The request's page of the rows, void ones left out unless it includes them.</summary>
    public static IQueryable<TRow> PageOf<TRow>(
        this IQueryable<TRow> rows, TimelineRequest request, Expression<Func<TRow, bool>> isVoid, Expression<Func<TRow, DateTimeOffset>> at,
        Expression<Func<TRow, Guid>> id) =>
        (request.IncludeEnteredInError ? rows : rows.Where(Expression.Lambda<Func<TRow, bool>>(Expression.Not(isVoid.Body), isVoid.Parameters)))
            .Window(at, id, request.Window);

    /// <summary>An entry's title: what it is, then its detail when there is one.</summary>
    public static string Title(string what, string? detail) => detail is null ? what : $"{what}: {detail}";
}
