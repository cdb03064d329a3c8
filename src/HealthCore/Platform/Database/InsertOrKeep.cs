using System.Text;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Sqlite.Update.Internal;
using Microsoft.EntityFrameworkCore.Update;
using Npgsql.EntityFrameworkCore.PostgreSQL.Update.Internal;

#pragma warning disable EF1001 // the providers' update SQL generators are internal API; this only appends a clause to their INSERT

namespace HealthCore.Platform.Database;

/// <summary>
/// Entities whose rows SaveChanges inserts unless a row with the same key exists, in the same batch as the rest of the
/// save (<see cref="InsertIfAbsent"/> needs a statement of its own): the INSERT gets <c>ON CONFLICT (key) DO UPDATE SET
/// key = key</c>, alike on PostgreSQL and SQLite. DO UPDATE, not DO NOTHING, because SaveChanges insists that every
/// insert affects one row; it rewrites the existing row unchanged (and row-locks it on PostgreSQL until commit), so
/// callers add such rows only when they believe them new, and a lost race is not an error.
/// </summary>
internal static class InsertOrKeep
{
    private const string Annotation = "HealthCore:InsertOrKeep";

    public static EntityTypeBuilder<TEntity> InsertOrKeepExisting<TEntity>(this EntityTypeBuilder<TEntity> entity)
        where TEntity : class
    {
        entity.HasAnnotation(Annotation, true);
        return entity;
    }

    internal static void AppendOnConflict(StringBuilder sql, IReadOnlyList<IColumnModification> operations, Func<string, string> delimit)
    {
        if (operations.Count == 0 || operations[0].Entry?.EntityType.FindAnnotation(Annotation) is null)
        {
            return;
        }

        var key = operations.Where(o => o.IsKey).Select(o => delimit(o.ColumnName)).ToList();
        sql.Append(" ON CONFLICT (").AppendJoin(", ", key).Append(") DO UPDATE SET ").Append(key[0]).Append(" = excluded.").Append(key[0]);
    }
}

internal sealed class InsertOrKeepNpgsqlUpdateSqlGenerator(UpdateSqlGeneratorDependencies dependencies) : NpgsqlUpdateSqlGenerator(dependencies)
{
    protected override void AppendValues(StringBuilder commandStringBuilder, string name, string? schema, IReadOnlyList<IColumnModification> operations)
    {
        base.AppendValues(commandStringBuilder, name, schema, operations);
        InsertOrKeep.AppendOnConflict(commandStringBuilder, operations, SqlGenerationHelper.DelimitIdentifier);
    }
}

internal sealed class InsertOrKeepSqliteUpdateSqlGenerator(UpdateSqlGeneratorDependencies dependencies) : SqliteUpdateSqlGenerator(dependencies)
{
    protected override void AppendValues(StringBuilder commandStringBuilder, string name, string? schema, IReadOnlyList<IColumnModification> operations)
    {
        base.AppendValues(commandStringBuilder, name, schema, operations);
        InsertOrKeep.AppendOnConflict(commandStringBuilder, operations, SqlGenerationHelper.DelimitIdentifier);
    }
}
