using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore.Query;

namespace HealthCore.Platform.Http.Paging;

/// <summary>A row's place in a newest-first list: rows sort by instant, then id, both descending.</summary>
internal sealed record InstantKeyset(DateTimeOffset At, Guid Id)
{
    /// <summary>Before every row at <paramref name="at"/> (and after every later one).</summary>
    public static InstantKeyset BeforeAllAt(DateTimeOffset at) => new(at, Guid.AllBitsSet);

    /// <summary>After every row at <paramref name="at"/>: only earlier rows follow.</summary>
    public static InstantKeyset AfterAllAt(DateTimeOffset at) => new(at, Guid.Empty);
}

/// <summary>
/// One page of a newest-first list: rows whose instant is in [<see cref="From"/>, <see cref="To"/>), strictly after
/// <see cref="After"/> in (instant desc, id desc) order, at most <see cref="Limit"/>.
/// </summary>
internal sealed record InstantWindow(DateTimeOffset? From, DateTimeOffset? To, InstantKeyset? After, int Limit);

internal static class NewestFirst
{
    private static readonly System.Reflection.MethodInfo CompareGuids = typeof(Guid).GetMethod(nameof(Guid.CompareTo), [typeof(Guid)])!;

    /// <summary>
    /// The window of <paramref name="query"/> as one bounded query an index on (…, instant) serves: instant and id are
    /// properties of the row (row => row.EffectiveAt, row => row.Id).
    /// </summary>
    public static IQueryable<TRow> Window<TRow>(
        this IQueryable<TRow> query, Expression<Func<TRow, DateTimeOffset>> instant, Expression<Func<TRow, Guid>> id, InstantWindow window)
    {
        var row = instant.Parameters[0];
        var at = instant.Body;
        var key = ReplacingExpressionVisitor.Replace(id.Parameters[0], row, id.Body);
        var conditions = new List<Expression>();
        if (window.From is { } from)
        {
            conditions.Add(Expression.GreaterThanOrEqual(at, Bound(from)));
        }

        if (window.To is { } to)
        {
            conditions.Add(Expression.LessThan(at, Bound(to)));
        }

        if (window.After is { } after)
        {
            // at < after.At || (at == after.At && id < after.Id), which both providers translate to key comparisons.
            var sameInstantLowerId = Expression.AndAlso(
                Expression.Equal(at, Bound(after.At)),
                Expression.LessThan(Expression.Call(key, CompareGuids, Bound(after.Id)), Expression.Constant(0)));
            conditions.Add(Expression.OrElse(Expression.LessThan(at, Bound(after.At)), sameInstantLowerId));
        }

        if (conditions.Count > 0)
        {
            query = query.Where(Expression.Lambda<Func<TRow, bool>>(conditions.Aggregate(Expression.AndAlso), row));
        }

        return query.OrderByDescending(instant).ThenByDescending(id).Take(window.Limit);
    }

    // A member of a captured object, like a closure's, so EF sends a parameter instead of inlining a literal.
    private static MemberExpression Bound<T>(T value) => Expression.Property(Expression.Constant(new Captured<T>(value)), nameof(Captured<T>.Value));

    private sealed record Captured<T>(T Value);
}
