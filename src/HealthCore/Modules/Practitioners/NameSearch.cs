namespace HealthCore.Modules.Practitioners;

/// <summary>A row listed in name order: <see cref="SortName"/> is the name upper-cased with a space before every word.</summary>
internal interface INameSorted
{
    Guid Id { get; }

    string SortName { get; }
}

internal sealed record NameCursor(string Name, Guid After);

/// <summary>
/// Case-insensitive word-prefix search and keyset paging in name order, identical on both providers: names are
/// normalised in .NET (upper case, single spaces, a space before every word), so "smi" finds " ANNA SMITH" as the
/// substring " SMI" without collation or LIKE-escaping differences between PostgreSQL and SQLite.
/// </summary>
internal static class NameSearch
{
    public static string SortKey(params IEnumerable<string?> parts) =>
        string.Concat(parts
            .SelectMany(part => (part ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
            .Select(word => " " + word.ToUpperInvariant()));

    public static IQueryable<T> WhereNameStartsWith<T>(this IQueryable<T> query, string? name)
        where T : class, INameSorted
    {
        var term = SortKey(name);
        return term.Length == 0 ? query : query.Where(row => row.SortName.Contains(term));
    }

    public static IQueryable<T> InNameOrderAfter<T>(this IQueryable<T> query, NameCursor? cursor)
        where T : class, INameSorted
    {
        if (cursor is not null)
        {
            query = query.Where(row => string.Compare(row.SortName, cursor.Name) > 0
                || (row.SortName == cursor.Name && row.Id.CompareTo(cursor.After) > 0));
        }

        return query.OrderBy(row => row.SortName).ThenBy(row => row.Id);
    }

    public static NameCursor CursorAfter(INameSorted row) => new(row.SortName, row.Id);
}
