using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace HealthCore.Modules.Patients.Migrations;

/// <summary>
/// The deletion neighbourhood of the name vocabulary (<see cref="NameVocabulary"/>), filled for the names already stored
/// with the same rule the service applies to new ones; it replaces the trigram index, which is dropped.
/// </summary>
[DbContext(typeof(PatientsDb))]
[Migration("202612030900_Patients_NameVariants")]
internal sealed class PatientsNameVariants : Migration
{
    private const string Schema = PatientsDb.SchemaName;

    /// <summary>Embedded .postgres.sql next to this file; bench/patients-bulk.sql runs the same file after its bulk load.</summary>
    internal static string PostgresBackfill()
    {
        using var stream = typeof(PatientsNameVariants).Assembly.GetManifestResourceStream("HealthCore.Patients.NameVariants.postgres.sql")!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    internal const string SqliteBackfill = """
        WITH RECURSIVE
        split(tenant_id, kind, key, word, rest) AS (
            SELECT tenant_id, kind, key, '', key || ' ' FROM patient_name_keys
            UNION ALL
            SELECT tenant_id, kind, key, substr(rest, 1, instr(rest, ' ') - 1), substr(rest, instr(rest, ' ') + 1) FROM split WHERE rest <> ''),
        words AS (SELECT DISTINCT tenant_id, kind, key, word FROM split WHERE length(word) >= 3),
        n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 200),
        one AS (
            SELECT tenant_id, kind, key, word, substr(word, 1, i - 1) || substr(word, i + 1) AS variant
            FROM words JOIN n ON i <= length(word)),
        two AS (
            SELECT tenant_id, kind, key, substr(variant, 1, i - 1) || substr(variant, i + 1) AS variant
            FROM one JOIN n ON i <= length(variant)
            WHERE length(word) BETWEEN 6 AND 20)
        INSERT OR IGNORE INTO patient_name_variants (tenant_id, kind, variant, key)
        SELECT tenant_id, kind, word, key FROM words
        UNION SELECT tenant_id, kind, variant, key FROM one
        UNION SELECT tenant_id, kind, variant, key FROM two;
        """;

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        var searchCollation = migrationBuilder.IsNpgsql() ? "C" : null;
        migrationBuilder.CreateTable(
            name: "patient_name_variants",
            schema: Schema,
            columns: c => new
            {
                tenant_id = c.Column<Guid>(nullable: false),
                kind = c.Column<string>(maxLength: 10, nullable: false),
                variant = c.Column<string>(maxLength: 100, nullable: false, collation: searchCollation),
                key = c.Column<string>(maxLength: 200, nullable: false, collation: searchCollation),
            },
            constraints: t => t.PrimaryKey("pk_patient_name_variants", x => new { x.tenant_id, x.kind, x.variant, x.key }));

        if (migrationBuilder.IsNpgsql())
        {
            migrationBuilder.Sql(PostgresBackfill());
            migrationBuilder.Sql("""
                DROP INDEX patients.ix_patient_name_keys_key_trgm;
                DROP FUNCTION patients.trgm_similar(text, text);
                """);
        }
        else
        {
            migrationBuilder.Sql(SqliteBackfill);
        }
    }
}
