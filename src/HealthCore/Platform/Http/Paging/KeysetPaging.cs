using System.Linq.Expressions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace HealthCore.Platform.Http.Paging;

internal static class KeysetPaging
{
    /// <summary>
    /// One page of <paramref name="query"/> in order of a Guid key (creation order for version 7 ids), after the
    /// position in the page's cursor; 400 for a cursor this server did not issue. The key is a property (row => row.Id).
    /// </summary>
    public static Task<Results<Ok<Page<TResponse>>, ValidationProblem>> ByGuidAsync<TRow, TResponse>(
        IQueryable<TRow> query, Expression<Func<TRow, Guid>> key, PageRequest page, CursorCodec cursors,
        Func<TRow, TResponse> map, CancellationToken cancellationToken) =>
        ByKeyAsync(query, key, page, cursors, map, after => new GuidCursor(after), cursor => cursor.After, cancellationToken);

    /// <summary>
    /// One page of <paramref name="query"/> in order of a unique string key (a code, a key), after the position in the
    /// page's cursor; 400 for a cursor this server did not issue. The order is the database's for the column.
    /// </summary>
    public static Task<Results<Ok<Page<TResponse>>, ValidationProblem>> ByStringAsync<TRow, TResponse>(
        IQueryable<TRow> query, Expression<Func<TRow, string>> key, PageRequest page, CursorCodec cursors,
        Func<TRow, TResponse> map, CancellationToken cancellationToken) =>
        ByKeyAsync(query, key, page, cursors, map, after => new StringCursor(after), cursor => cursor.After, cancellationToken);

    private static async Task<Results<Ok<Page<TResponse>>, ValidationProblem>> ByKeyAsync<TRow, TKey, TCursor, TResponse>(
        IQueryable<TRow> query, Expression<Func<TRow, TKey>> key, PageRequest page, CursorCodec cursors, Func<TRow, TResponse> map,
        Func<TKey, TCursor> toCursor, Func<TCursor, TKey> fromCursor, CancellationToken cancellationToken)
    {
        if (page.Cursor is not null)
        {
            if (!cursors.TryDecode<TCursor>(page.Cursor, out var position))
            {
                return Paging.InvalidCursor();
            }

            // row => key(row).CompareTo(after) > 0, which both providers translate to a key comparison.
            var compare = typeof(TKey).GetMethod(nameof(IComparable<TKey>.CompareTo), [typeof(TKey)])!;
            var after = Expression.GreaterThan(
                Expression.Call(key.Body, compare, Expression.Constant(fromCursor(position!), typeof(TKey))), Expression.Constant(0));
            query = query.Where(Expression.Lambda<Func<TRow, bool>>(after, key.Parameters));
        }

        var property = key.Body is MemberExpression { Member: System.Reflection.PropertyInfo member }
            ? member
            : throw new ArgumentException("The key must be a property of the row, e.g. row => row.Id.", nameof(key));
        var rows = await query.OrderBy(key).Take(page.EffectiveLimit + 1).ToListAsync(cancellationToken);
        return TypedResults.Ok(Paging.ToPage(rows, page.EffectiveLimit, row => cursors.Encode(toCursor((TKey)property.GetValue(row)!)), map));
    }

    private sealed record GuidCursor(Guid After);

    private sealed record StringCursor(string After);
}
