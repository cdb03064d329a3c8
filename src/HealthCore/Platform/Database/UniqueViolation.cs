using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace HealthCore.Platform.Database;

internal static class UniqueViolation
{
    private const int SqliteConstraintUnique = 2067;

    /// <summary>True when the save failed on a unique index: a concurrent writer won a race that a prior check could not see.</summary>
    public static bool IsUniqueViolation(this DbUpdateException exception) =>
        exception.InnerException switch
        {
            PostgresException postgres => postgres.SqlState == PostgresErrorCodes.UniqueViolation,
            SqliteException sqlite => sqlite.SqliteExtendedErrorCode == SqliteConstraintUnique,
            _ => false,
        };
}
