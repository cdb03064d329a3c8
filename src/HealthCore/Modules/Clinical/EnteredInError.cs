using HealthCore.Platform.Database;
using HealthCore.Platform.Http;
using HealthCore.Platform.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace HealthCore.Modules.Clinical;

/// <summary>
/// A chart entry that is never edited or deleted (a vitals set, an assessment): a mistaken one is struck out with a
/// reason, keeps its values and stays readable.
/// </summary>
internal interface IEnteredInErrorRecord : IVersioned
{
    /// <summary>Whether the entry still stands (neither superseded nor entered in error): only then can it be struck out.</summary>
    bool Stands { get; }

    string? EnteredInErrorReason { get; set; }

    DateTimeOffset? EnteredInErrorAt { get; set; }

    Guid? EnteredInErrorBy { get; set; }

    /// <summary>Moves the entry's own status to entered in error.</summary>
    void MarkStatusEnteredInError();
}

internal static class EnteredInError
{
    /// <summary>The entry, struck out with a reason; false when it no longer stands.</summary>
    public static bool TryMark(this IEnteredInErrorRecord entry, string reason, DateTimeOffset now, Guid? actorId)
    {
        if (!entry.Stands)
        {
            return false;
        }

        entry.MarkStatusEnteredInError();
        entry.EnteredInErrorReason = reason;
        entry.EnteredInErrorAt = now;
        entry.EnteredInErrorBy = actorId;
        return true;
    }

    public static EnteredInErrorResponse? Response(this IEnteredInErrorRecord entry) =>
        entry.EnteredInErrorAt is { } at ? new EnteredInErrorResponse(entry.EnteredInErrorReason!, at, entry.EnteredInErrorBy) : null;

    /// <summary>
    /// The entered-in-error action of an entry found (tracked) by id: If-Match honoured when sent, the reason audited,
    /// 409 from <paramref name="notStanding"/> when it no longer stands or from <paramref name="changedConcurrently"/> when it changed meanwhile.
    /// </summary>
    public static async Task<Results<Ok<TResponse>, NotFoundProblem, ConflictProblem, PreconditionProblem>> MarkAsync<TEntry, TResponse>(
        ClinicalDb db, TEntry? entry, NotFoundProblem notFound, string reason, ICurrentTenant tenant, TimeProvider clock, HttpContext http,
        Func<TEntry, ConflictProblem> notStanding, ConflictProblem changedConcurrently, Func<TEntry, TResponse> respond, CancellationToken cancellationToken)
        where TEntry : class, IEnteredInErrorRecord
    {
        if (entry is null)
        {
            return notFound;
        }

        if (http.Request.Headers.IfMatch.Count > 0 && db.CheckIfMatch(http.Request, entry) is { } precondition)
        {
            return precondition;
        }

        var trimmed = reason.Trim();
        if (!entry.TryMark(trimmed, clock.GetUtcNow(), tenant.UserId))
        {
            return notStanding(entry);
        }

        db.AuditAs(entry, "entered-in-error");
        db.AuditReason(trimmed);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return changedConcurrently;
        }

        http.SetETag(entry);
        return TypedResults.Ok(respond(entry));
    }
}
