using HealthCore.Platform.Database;
using HealthCore.Platform.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace HealthCore.Modules.Clinical;

/// <summary>
/// A chart entry corrected by a new entry that points at it: the old one is superseded, never edited. A unique index
/// on (tenant, replaces) lets an entry be corrected once, so of two racing corrections one is saved and the other is a 409.
/// </summary>
internal interface ICorrectableRecord : IEnteredInErrorRecord
{
    Guid Id { get; }

    Guid? SupersededBy { get; set; }

    /// <summary>Moves the entry's own status to superseded.</summary>
    void MarkStatusSuperseded();
}

internal static class Corrections
{
    /// <summary>Saves <paramref name="entry"/>, and supersedes <paramref name="replaced"/> (tracked) by it in the same save when it corrects one.</summary>
    public static async Task<Results<Created<TResponse>, ValidationProblem, NotFoundProblem, ConflictProblem>> SaveAsync<TEntry, TResponse>(
        ClinicalDb db, TEntry entry, TEntry? replaced, string location, ConflictProblem changedConcurrently, Func<TEntry, TResponse> respond, HttpContext http,
        CancellationToken cancellationToken)
        where TEntry : class, ICorrectableRecord
    {
        db.Add(entry);
        if (replaced is not null)
        {
            replaced.MarkStatusSuperseded();
            replaced.SupersededBy = entry.Id;
            db.AuditAs(replaced, "supersede");
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (e is DbUpdateConcurrencyException || e.IsUniqueViolation())
        {
            return changedConcurrently;
        }

        http.SetETag(entry);
        return TypedResults.Created(location, respond(entry));
    }
}
