using Microsoft.AspNetCore.Http.HttpResults;

namespace HealthCore.Platform.Http.Paging;

internal static class Paging
{
    /// <summary>
    /// Builds a page from up to limit + 1 rows fetched in keyset order: the extra row only signals that another
    /// page exists, and the cursor points at the last row returned.
    /// </summary>
    public static Page<TResponse> ToPage<TRow, TResponse>(
        IReadOnlyList<TRow> rows, int limit, Func<TRow, string> cursorAfter, Func<TRow, TResponse> map)
    {
        var hasMore = rows.Count > limit;
        var items = rows.Take(limit).Select(map).ToList();
        return new Page<TResponse>(items, hasMore ? cursorAfter(rows[limit - 1]) : null);
    }

    public static ValidationProblem InvalidCursor() =>
        TypedResults.ValidationProblem(
            new Dictionary<string, string[]> { ["cursor"] = ["The cursor is malformed, expired or was not issued by this server."] },
            title: "Invalid cursor.");
}
