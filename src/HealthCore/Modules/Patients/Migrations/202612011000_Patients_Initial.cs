using HealthCore.Platform.Events;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace HealthCore.Modules.Patients.Migrations;

[DbContext(typeof(PatientsDb))]
[Migration("202612011000_Patients_Initial")]
internal sealed class PatientsInitial : Migration
{
    private const string Schema = PatientsDb.SchemaName;

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        var searchCollation = migrationBuilder.IsNpgsql() ? "C" : null;
        migrationBuilder.EnsureSchema(Schema);
        migrationBuilder.CreateOutboxTable(Schema);

        migrationBuilder.CreateTable(
            name: "patients",
            schema: Schema,
            columns: c => new
            {
                id = c.Column<Guid>(nullable: false),
                tenant_id = c.Column<Guid>(nullable: false),
                version = c.Column<int>(nullable: false),
                mrn = c.Column<string>(maxLength: 50, nullable: false),
                name = c.Column<string>(nullable: false),
                other_names = c.Column<string>(nullable: false),
                family_key = c.Column<string>(maxLength: 100, nullable: false, collation: searchCollation),
                given_key = c.Column<string>(maxLength: 200, nullable: false, collation: searchCollation),
                birth_date = c.Column<DateOnly>(nullable: false),
                gender = c.Column<string>(maxLength: 10, nullable: false),
                identifiers = c.Column<string>(nullable: false),
                protected_identifiers = c.Column<string>(nullable: false),
                identifier_key_id = c.Column<string>(maxLength: 100, nullable: true),
                telecom = c.Column<string>(nullable: false),
                addresses = c.Column<string>(nullable: false),
                preferred_language = c.Column<string>(maxLength: 35, nullable: true),
                marital_status = c.Column<string>(maxLength: 20, nullable: true),
                emergency_contacts = c.Column<string>(nullable: false),
                primary_practitioner_id = c.Column<Guid>(nullable: true),
                deceased = c.Column<bool>(nullable: false),
                deceased_at = c.Column<DateTimeOffset>(nullable: true),
                height_cm = c.Column<decimal>(precision: 6, scale: 2, nullable: true),
                weight_kg = c.Column<decimal>(precision: 6, scale: 2, nullable: true),
                allergies = c.Column<string>(nullable: false),
                conditions = c.Column<string>(nullable: false),
                past_surgeries = c.Column<string>(nullable: false),
                current_medications = c.Column<string>(nullable: false),
                consents = c.Column<string>(nullable: false),
                active = c.Column<bool>(nullable: false),
                deactivated_at = c.Column<DateTimeOffset>(nullable: true),
                deactivation_reason = c.Column<string>(maxLength: 500, nullable: true),
                created_at = c.Column<DateTimeOffset>(nullable: false),
                updated_at = c.Column<DateTimeOffset>(nullable: false),
            },
            constraints: t => t.PrimaryKey("pk_patients", x => x.id));
        migrationBuilder.CreateIndex("ix_patients_tenant_id_mrn", "patients", ["tenant_id", "mrn"], Schema, unique: true);
        migrationBuilder.CreateIndex(
            "ix_patients_tenant_id_family_key_given_key_id", "patients", ["tenant_id", "family_key", "given_key", "id"], Schema);
        migrationBuilder.CreateIndex("ix_patients_tenant_id_given_key", "patients", ["tenant_id", "given_key"], Schema);
        migrationBuilder.CreateIndex("ix_patients_tenant_id_birth_date", "patients", ["tenant_id", "birth_date"], Schema);
        migrationBuilder.CreateIndex("ix_patients_identifier_key_id", "patients", "identifier_key_id", Schema);

        migrationBuilder.CreateTable(
            name: "patient_lookup_keys",
            schema: Schema,
            columns: c => new
            {
                id = c.Column<Guid>(nullable: false),
                tenant_id = c.Column<Guid>(nullable: false),
                patient_id = c.Column<Guid>(nullable: false),
                system = c.Column<string>(maxLength: 200, nullable: false),
                key = c.Column<string>(maxLength: 128, nullable: false),
            },
            constraints: t => t.PrimaryKey("pk_patient_lookup_keys", x => x.id));
        migrationBuilder.CreateIndex(
            "ix_patient_lookup_keys_tenant_id_system_key", "patient_lookup_keys", ["tenant_id", "system", "key"], Schema);
        migrationBuilder.CreateIndex("ix_patient_lookup_keys_patient_id", "patient_lookup_keys", "patient_id", Schema);

        migrationBuilder.CreateTable(
            name: "patient_name_keys",
            schema: Schema,
            columns: c => new
            {
                tenant_id = c.Column<Guid>(nullable: false),
                kind = c.Column<string>(maxLength: 10, nullable: false),
                key = c.Column<string>(maxLength: 200, nullable: false, collation: searchCollation),
            },
            constraints: t => t.PrimaryKey("pk_patient_name_keys", x => new { x.tenant_id, x.kind, x.key }));

        migrationBuilder.CreateTable(
            name: "patient_mrn_counters",
            schema: Schema,
            columns: c => new
            {
                tenant_id = c.Column<Guid>(nullable: false),
                last_value = c.Column<long>(nullable: false),
            },
            constraints: t => t.PrimaryKey("pk_patient_mrn_counters", x => x.tenant_id));

        if (migrationBuilder.IsNpgsql())
        {
            // Typo-tolerant name search looks close names up in the name vocabulary through a trigram GIN index,
            // queried through a function PostgreSQL inlines into the indexable % operator (EF cannot emit pg_trgm's
            // operators itself).
            migrationBuilder.Sql("""
                CREATE EXTENSION IF NOT EXISTS pg_trgm;
                CREATE FUNCTION patients.trgm_similar(text, text) RETURNS boolean
                    LANGUAGE sql STABLE PARALLEL SAFE AS 'SELECT $1 % $2';
                CREATE INDEX ix_patient_name_keys_key_trgm ON patients.patient_name_keys USING gin (key gin_trgm_ops);
                """);
        }
    }
}
