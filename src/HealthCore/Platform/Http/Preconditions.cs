using HealthCore.Platform.Database;
using Microsoft.EntityFrameworkCore;

namespace HealthCore.Platform.Http;

/// <summary>Strong ETags derived from a row's version, and the If-Match rule for updates (428 missing, 412 stale).</summary>
internal static class Preconditions
{
    public static string ETagOf(IVersioned resource) => $"\"{resource.Version}\"";

    public static void SetETag(this HttpContext context, IVersioned resource) =>
        context.Response.Headers.ETag = ETagOf(resource);

    /// <summary>
    /// Checks If-Match against the loaded row and pins the row's original version to it, so a concurrent update
    /// that commits in between fails at SaveChanges (DbUpdateConcurrencyException, answered as 412).
    /// </summary>
    public static PreconditionProblem? CheckIfMatch(this DbContext db, HttpRequest request, IVersioned resource)
    {
        var ifMatch = request.Headers.IfMatch.ToString();
        if (string.IsNullOrWhiteSpace(ifMatch))
        {
            return new PreconditionProblem(
                StatusCodes.Status428PreconditionRequired,
                "If-Match is required.",
                "Send the ETag from your last read of this resource in the If-Match header.");
        }

        if (ifMatch.Trim() == "*")
        {
            return null;
        }

        var current = ETagOf(resource);
        var matches = ifMatch.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Any(tag => tag == current);
        if (!matches)
        {
            return new PreconditionProblem(
                StatusCodes.Status412PreconditionFailed,
                "The resource was changed by someone else.",
                $"If-Match {ifMatch} does not match the current ETag {current}.");
        }

        db.Entry(resource).Property(nameof(IVersioned.Version)).OriginalValue = resource.Version;
        return null;
    }
}
