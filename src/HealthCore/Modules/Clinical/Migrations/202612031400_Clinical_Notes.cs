using HealthCore.Modules.Clinical.Notes;
using HealthCore.Platform.Database;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace HealthCore.Modules.Clinical.Migrations;

[DbContext(typeof(ClinicalDb))]
[Migration("202612031400_Clinical_Notes")]
internal sealed class ClinicalNotes : Migration
{
    private const string Schema = ClinicalDb.SchemaName;

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "notes",
            schema: Schema,
            columns: c => new
            {
                id = c.Column<Guid>(nullable: false),
                tenant_id = c.Column<Guid>(nullable: false),
                version = c.Column<int>(nullable: false),
                encounter_id = c.Column<Guid>(nullable: false),
                patient_id = c.Column<Guid>(nullable: false),
                facility_id = c.Column<Guid>(nullable: false),
                type = c.Column<string>(maxLength: 32, nullable: false),
                current_version = c.Column<int>(nullable: false),
                created_at = c.Column<DateTimeOffset>(nullable: false),
                updated_at = c.Column<DateTimeOffset>(nullable: false),
            },
            constraints: t =>
            {
                t.PrimaryKey("pk_notes", x => x.id);
                t.ForeignKey("fk_notes_encounters_encounter_id", x => x.encounter_id, "encounters", "id", Schema, onDelete: ReferentialAction.Restrict);
            });
        migrationBuilder.CreateIndex("ix_notes_tenant_id", "notes", "tenant_id", Schema);
        migrationBuilder.CreateIndex("ix_notes_encounter_id", "notes", "encounter_id", Schema);
        migrationBuilder.CreateIndex("ix_notes_patient_id", "notes", "patient_id", Schema);

        migrationBuilder.CreateTable(
            name: "note_versions",
            schema: Schema,
            columns: c => new
            {
                id = c.Column<Guid>(nullable: false),
                tenant_id = c.Column<Guid>(nullable: false),
                note_id = c.Column<Guid>(nullable: false),
                number = c.Column<int>(nullable: false),
                title = c.Column<string>(maxLength: NoteVersionConfiguration.TitleLength, nullable: false),
                sections = c.Column<string>(nullable: false),
                author_id = c.Column<Guid>(nullable: false),
                author_practitioner_id = c.Column<Guid>(nullable: true),
                created_at = c.Column<DateTimeOffset>(nullable: false),
                updated_at = c.Column<DateTimeOffset>(nullable: false),
                previous_version_id = c.Column<Guid>(nullable: true),
                amendment_reason = c.Column<string>(maxLength: ClinicalDb.ReasonLength, nullable: true),
                signed_by = c.Column<Guid>(nullable: true),
                signed_at = c.Column<DateTimeOffset>(nullable: true),
                content_hash = c.Column<string>(maxLength: NoteVersionConfiguration.HashLength, nullable: true),
            },
            constraints: t =>
            {
                t.PrimaryKey("pk_note_versions", x => x.id);
                t.ForeignKey("fk_note_versions_notes_note_id", x => x.note_id, "notes", "id", Schema, onDelete: ReferentialAction.Restrict);
            });
        migrationBuilder.CreateIndex("ix_note_versions_tenant_id", "note_versions", "tenant_id", Schema);
        migrationBuilder.CreateIndex("ix_note_versions_note_id_number", "note_versions", ["note_id", "number"], Schema, unique: true);

        migrationBuilder.CreateTable(
            name: "note_cosignatures",
            schema: Schema,
            columns: c => new
            {
                id = c.Column<Guid>(nullable: false),
                tenant_id = c.Column<Guid>(nullable: false),
                note_version_id = c.Column<Guid>(nullable: false),
                cosigner_id = c.Column<Guid>(nullable: false),
                cosigner_practitioner_id = c.Column<Guid>(nullable: true),
                cosigned_at = c.Column<DateTimeOffset>(nullable: false),
            },
            constraints: t =>
            {
                t.PrimaryKey("pk_note_cosignatures", x => x.id);
                t.ForeignKey(
                    "fk_note_cosignatures_note_versions_note_version_id", x => x.note_version_id, "note_versions", "id", Schema,
                    onDelete: ReferentialAction.Restrict);
            });
        migrationBuilder.CreateIndex("ix_note_cosignatures_tenant_id", "note_cosignatures", "tenant_id", Schema);
        migrationBuilder.CreateIndex(
            "ix_note_cosignatures_note_version_id_cosigner_id", "note_cosignatures", ["note_version_id", "cosigner_id"], Schema, unique: true);

        migrationBuilder.MakeAppendOnly(Schema, "note_cosignatures", "reject_note_cosignature_change", "note co-signatures");
        FreezeSignedVersions(migrationBuilder);
    }

    // A signed version is the legal record of what its author attested: the database itself refuses to change or
    // remove it, so no code path, bulk fix or hand-typed SQL can alter it behind the hash. Drafts stay editable.
    private static void FreezeSignedVersions(MigrationBuilder migrationBuilder)
    {
        if (migrationBuilder.IsNpgsql())
        {
            migrationBuilder.Sql($"""
                CREATE FUNCTION {Schema}.reject_signed_note_version_change() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    RAISE EXCEPTION 'signed note versions cannot change (% rejected)', TG_OP USING ERRCODE = 'insufficient_privilege';
                END
                $$;
                CREATE TRIGGER note_versions_signed_frozen BEFORE UPDATE OR DELETE ON {Schema}.note_versions
                    FOR EACH ROW WHEN (OLD.signed_at IS NOT NULL) EXECUTE FUNCTION {Schema}.reject_signed_note_version_change();
                CREATE TRIGGER note_versions_no_truncate BEFORE TRUNCATE ON {Schema}.note_versions
                    FOR EACH STATEMENT EXECUTE FUNCTION {Schema}.reject_signed_note_version_change();
                """);
        }
        else if (migrationBuilder.IsSqlite())
        {
            migrationBuilder.Sql("""
                CREATE TRIGGER note_versions_signed_no_update BEFORE UPDATE ON note_versions
                    WHEN OLD.signed_at IS NOT NULL BEGIN SELECT RAISE(ABORT, 'signed note versions cannot change'); END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER note_versions_signed_no_delete BEFORE DELETE ON note_versions
                    WHEN OLD.signed_at IS NOT NULL BEGIN SELECT RAISE(ABORT, 'signed note versions cannot change'); END;
                """);
        }
    }
}
