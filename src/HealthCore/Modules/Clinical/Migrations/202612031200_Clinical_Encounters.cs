using HealthCore.Platform.Database;
using HealthCore.Platform.Events;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace HealthCore.Modules.Clinical.Migrations;

[DbContext(typeof(ClinicalDb))]
[Migration("202612031200_Clinical_Encounters")]
internal sealed class ClinicalEncounters : Migration
{
    private const string Schema = ClinicalDb.SchemaName;

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.EnsureSchema(Schema);
        migrationBuilder.CreateOutboxTable(Schema);

        migrationBuilder.CreateTable(
            name: "encounters",
            schema: Schema,
            columns: c => new
            {
                id = c.Column<Guid>(nullable: false),
                tenant_id = c.Column<Guid>(nullable: false),
                version = c.Column<int>(nullable: false),
                patient_id = c.Column<Guid>(nullable: false),
                @class = c.Column<string>(name: "class", maxLength: 32, nullable: false),
                type = c.Column<string>(maxLength: EncounterConfiguration.CodeableConceptLength, nullable: true),
                department_id = c.Column<Guid>(nullable: false),
                facility_id = c.Column<Guid>(nullable: false),
                reason = c.Column<string>(maxLength: EncounterConfiguration.CodeableConceptLength, nullable: true),
                priority = c.Column<string>(maxLength: 32, nullable: false),
                status = c.Column<string>(maxLength: 32, nullable: false),
                status_changed_at = c.Column<DateTimeOffset>(nullable: false),
                planned_start_at = c.Column<DateTimeOffset>(nullable: true),
                period_start = c.Column<DateTimeOffset>(nullable: true),
                period_end = c.Column<DateTimeOffset>(nullable: true),
                starts_at = c.Column<DateTimeOffset>(nullable: false),
                appointment_id = c.Column<Guid>(nullable: true),
                admission_id = c.Column<Guid>(nullable: true),
                created_at = c.Column<DateTimeOffset>(nullable: false),
            },
            constraints: t => t.PrimaryKey("pk_encounters", x => x.id));
        migrationBuilder.CreateIndex("ix_encounters_tenant_id", "encounters", "tenant_id", Schema);
        migrationBuilder.CreateIndex("ix_encounters_patient_id", "encounters", "patient_id", Schema);
        migrationBuilder.CreateIndex("ix_encounters_department_id", "encounters", "department_id", Schema);
        migrationBuilder.CreateIndex("ix_encounters_starts_at", "encounters", "starts_at", Schema);

        // One encounter per appointment and per admission: what makes opening one from a redelivered event a no-op.
        migrationBuilder.CreateIndex("ix_encounters_tenant_id_appointment_id", "encounters", ["tenant_id", "appointment_id"], Schema, unique: true);
        migrationBuilder.CreateIndex("ix_encounters_tenant_id_admission_id", "encounters", ["tenant_id", "admission_id"], Schema, unique: true);

        migrationBuilder.CreateTable(
            name: "encounter_participants",
            schema: Schema,
            columns: c => new
            {
                id = c.Column<Guid>(nullable: false),
                tenant_id = c.Column<Guid>(nullable: false),
                encounter_id = c.Column<Guid>(nullable: false),
                practitioner_id = c.Column<Guid>(nullable: false),
                role = c.Column<string>(maxLength: 32, nullable: false),
            },
            constraints: t =>
            {
                t.PrimaryKey("pk_encounter_participants", x => x.id);
                t.ForeignKey(
                    "fk_encounter_participants_encounters_encounter_id", x => x.encounter_id, "encounters", "id", Schema,
                    onDelete: ReferentialAction.Restrict);
            });
        migrationBuilder.CreateIndex("ix_encounter_participants_tenant_id", "encounter_participants", "tenant_id", Schema);
        migrationBuilder.CreateIndex("ix_encounter_participants_practitioner_id", "encounter_participants", "practitioner_id", Schema);
        migrationBuilder.CreateIndex(
            "ix_encounter_participants_encounter_id_practitioner_id_role", "encounter_participants", ["encounter_id", "practitioner_id", "role"], Schema,
            unique: true);

        migrationBuilder.CreateTable(
            name: "encounter_status_changes",
            schema: Schema,
            columns: c => new
            {
                id = c.Column<Guid>(nullable: false),
                tenant_id = c.Column<Guid>(nullable: false),
                encounter_id = c.Column<Guid>(nullable: false),
                sequence = c.Column<int>(nullable: false),
                from = c.Column<string>(maxLength: 32, nullable: true),
                to = c.Column<string>(maxLength: 32, nullable: false),
                at = c.Column<DateTimeOffset>(nullable: false),
                recorded_at = c.Column<DateTimeOffset>(nullable: false),
                actor_id = c.Column<Guid>(nullable: true),
                reason = c.Column<string>(maxLength: ClinicalDb.ReasonLength, nullable: true),
                overridden_requirements = c.Column<string>(maxLength: 2000, nullable: true),
            },
            constraints: t =>
            {
                t.PrimaryKey("pk_encounter_status_changes", x => x.id);
                t.ForeignKey(
                    "fk_encounter_status_changes_encounters_encounter_id", x => x.encounter_id, "encounters", "id", Schema,
                    onDelete: ReferentialAction.Restrict);
            });
        migrationBuilder.CreateIndex("ix_encounter_status_changes_tenant_id", "encounter_status_changes", "tenant_id", Schema);
        migrationBuilder.CreateIndex(
            "ix_encounter_status_changes_encounter_id_sequence", "encounter_status_changes", ["encounter_id", "sequence"], Schema, unique: true);

        // Status history is the record of who moved the visit when: append-only for the application.
        migrationBuilder.MakeAppendOnly(Schema, "encounter_status_changes", "reject_encounter_status_change_change", "encounter status changes");
    }
}
