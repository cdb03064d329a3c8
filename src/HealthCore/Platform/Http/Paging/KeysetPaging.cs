using System.Linq.Expressions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace HealthCore.Platform.Http.Paging;

internal static class KeysetPaging
{
    private static readonly System.Reflection.MethodInfo CompareGuids = typeof(Guid).GetMethod(nameof(Guid.CompareTo), [typeof(Guid)])!;
    private static readonly System.Reflection.MethodInfo CompareStrings = typeof(string).GetMethod(nameof(string.CompareTo), [typeof(string)])!;

    /// <summary>
    /// One page of <paramref name="query"/> in order of a Guid key (creation order for version 7 ids), after the
    /// position in the page's cursor; 400 for a cursor this server did not issue. The key is a property (row => row.Id).
    /// </summary>
    public static async Task<Results<Ok<Page<TResponse>>, ValidationProblem>> ByGuidAsync<TRow, TResponse>(
        IQueryable<TRow> query, Expression<Func<TRow, Guid>> key, PageRequest page, CursorCodec cursors,
        Func<TRow, TResponse> map, CancellationToken cancellationToken)
    {
        if (page.Cursor is not null)
        {
            if (!cursors.TryDecode<GuidCursor>(page.Cursor, out var position))
            {
                return Paging.InvalidCursor();
            }

            // row => key(row).CompareTo(after) > 0, which both providers translate to a key comparison.
            var after = Expression.GreaterThan(
                Expression.Call(key.Body, CompareGuids, Expression.Constant(position!.After)), Expression.Constant(0));
            query = query.Where(Expression.Lambda<Func<TRow, bool>>(after, key.Parameters));
        }

        var property = key.Body is MemberExpression { Member: System.Reflection.PropertyInfo member }
            ? member
            : throw new ArgumentException("The key must be a property of the row, e.g. row => row.Id.", nameof(key));
        var rows = await query.OrderBy(key).Take(page.EffectiveLimit + 1).ToListAsync(cancellationToken);
        return TypedResults.Ok(Paging.ToPage(rows, page.EffectiveLimit, row => cursors.Encode(new GuidCursor((Guid)property.GetValue(row)!)), map));
    }

    /// <summary>
    /// One page of <paramref name="query"/> in order of a unique string key (a code, a key), after the position in the
    /// page's cursor; 400 for a cursor this server did not issue. The order is the database's for the column.
    /// </summary>
    public static async Task<Results<Ok<Page<TResponse>>, ValidationProblem>> ByStringAsync<TRow, TResponse>(
        IQueryable<TRow> query, Expression<Func<TRow, string>> key, PageRequest page, CursorCodec cursors,
        Func<TRow, TResponse> map, CancellationToken cancellationToken)
    {
        if (page.Cursor is not null)
        {
            if (!cursors.TryDecode<StringCursor>(page.Cursor, out var position))
            {
                return Paging.InvalidCursor();
            }

            // row => key(row).CompareTo(after) > 0, which both providers translate to a key comparison.
            var after = Expression.GreaterThan(
                Expression.Call(key.Body, CompareStrings, Expression.Constant(position!.After)), Expression.Constant(0));
            query = query.Where(Expression.Lambda<Func<TRow, bool>>(after, key.Parameters));
        }

        var keyOf = key.Compile();
        var rows = await query.OrderBy(key).Take(page.EffectiveLimit + 1).ToListAsync(cancellationToken);
        return TypedResults.Ok(Paging.ToPage(rows, page.EffectiveLimit, row => cursors.Encode(new StringCursor(keyOf(row))), map));
    }

    private sealed record GuidCursor(Guid After);

    private sealed record StringCursor(string After);
}
