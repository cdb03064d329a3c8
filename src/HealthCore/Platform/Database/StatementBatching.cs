using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace HealthCore.Platform.Database;

/// <summary>
/// Sends a statement that returns nothing (e.g. taking a lock) in the same round trip as the context's next query:
/// the statement is prepended to the query's command. PostgreSQL runs the two as separate statements, so the query's
/// snapshot is taken after the first statement finished (under READ COMMITTED it sees what a lock's previous holder
/// committed), and the reader skips the first statement, which has no result set.
/// </summary>
internal sealed class StatementBatching : DbCommandInterceptor
{
    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        Prepend(command, eventData);
        return result;
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Prepend(command, eventData);
        return ValueTask.FromResult(result);
    }

    private static void Prepend(DbCommand command, CommandEventData eventData)
    {
        if (eventData.Context is ModuleDbContext { StatementBeforeNextQuery: { } statement } db)
        {
            db.StatementBeforeNextQuery = null;
            command.CommandText = $"{statement};\n{command.CommandText}";
        }
    }
}
