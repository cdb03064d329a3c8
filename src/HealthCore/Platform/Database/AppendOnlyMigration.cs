using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Migrations;

namespace HealthCore.Platform.Database;

internal static class AppendOnlyMigration
{
    /// <summary>
    /// On PostgreSQL, rejects UPDATE, DELETE and TRUNCATE of <paramref name="table"/> for everyone but a superuser who
    /// disables triggers (history tables such as the audit trail). SQLite has no such guard; the application never
    /// changes these rows.
    /// </summary>
    /// <param name="rows">What the rows are called in the error, e.g. "audit records".</param>
    public static void MakeAppendOnly(this MigrationBuilder migrationBuilder, string schema, string table, string function, string rows)
    {
        if (!migrationBuilder.IsNpgsql())
        {
            return;
        }

        migrationBuilder.Sql($"""
            CREATE FUNCTION {schema}.{function}() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                RAISE EXCEPTION '{rows} are append-only (% rejected)', TG_OP USING ERRCODE = 'insufficient_privilege';
            END
            $$;
            CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {schema}.{table}
                FOR EACH ROW EXECUTE FUNCTION {schema}.{function}();
            CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {schema}.{table}
                FOR EACH STATEMENT EXECUTE FUNCTION {schema}.{function}();
            """);
    }
}
