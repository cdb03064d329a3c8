using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace HealthCore.Platform.Database;

internal static class InsertIfAbsent
{
    /// <summary>
    /// INSERT ... ON CONFLICT (primary key) DO NOTHING, spelled alike on PostgreSQL and SQLite; true when this call
    /// inserted the row. Used where losing a race on the key is normal traffic: SaveChanges would log every lost
    /// race as an error with a stack trace. Null properties are left to the column default (NULL).
    /// </summary>
    public static Task<bool> InsertIfAbsentAsync<TEntity>(this ModuleDbContext db, TEntity row, CancellationToken cancellationToken)
        where TEntity : class =>
        db.InsertIfAbsentAsync(row, null, cancellationToken);

    /// <summary>
    /// As above, but the conflict is on the (non-partial) unique index over <paramref name="uniqueProperties"/>, e.g. one
    /// row per tenant and source record: the row is inserted unless one with the same values there exists.
    /// </summary>
    public static async Task<bool> InsertIfAbsentAsync<TEntity>(
        this ModuleDbContext db, TEntity row, IReadOnlyList<string>? uniqueProperties, CancellationToken cancellationToken)
        where TEntity : class
    {
        var entity = db.Model.FindEntityType(typeof(TEntity))
            ?? throw new InvalidOperationException($"{typeof(TEntity).Name} is not part of {db.GetType().Name}.");
        var sql = db.GetService<ISqlGenerationHelper>();
        var table = sql.DelimitIdentifier(entity.GetTableName()!, db.IsSqlite ? null : entity.GetSchema());
        var values = entity.GetProperties()
            .Select(property => (property, value: property.PropertyInfo!.GetValue(row)))
            .Where(p => p.value is not null)
            .Select(p => (
                column: sql.DelimitIdentifier(p.property.GetColumnName()),
                value: p.property.GetTypeMapping().Converter is { } converter ? converter.ConvertToProvider(p.value)! : p.value!))
            .ToList();
        var conflict = uniqueProperties is null
            ? entity.FindPrimaryKey()!.Properties
            : entity.FindIndex([.. uniqueProperties.Select(name => entity.FindProperty(name)!)]) is { IsUnique: true } index && index.GetFilter() is null
                ? index.Properties
                : throw new InvalidOperationException($"{typeof(TEntity).Name} has no unfiltered unique index on {string.Join(", ", uniqueProperties)}.");
        var key = string.Join(", ", conflict.Select(p => sql.DelimitIdentifier(p.GetColumnName())));

        // Only identifiers from the model are spliced in (delimited); every value is a parameter.
        var statement = $"INSERT INTO {table} ({string.Join(", ", values.Select(v => v.column))}) "
            + $"VALUES ({string.Join(", ", values.Select((_, i) => $"{{{i}}}"))}) ON CONFLICT ({key}) DO NOTHING";
        return await db.Database.ExecuteSqlRawAsync(statement, values.Select(v => v.value), cancellationToken) == 1;
    }
}
