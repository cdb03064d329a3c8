using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace HealthCore.Modules.Clinical.Migrations;

[DbContext(typeof(ClinicalDb))]
[Migration("202612031310_Clinical_Diagnoses")]
internal sealed class ClinicalDiagnoses : Migration
{
    private const string Schema = ClinicalDb.SchemaName;

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "diagnoses",
            schema: Schema,
            columns: c => new
            {
                id = c.Column<Guid>(nullable: false),
                tenant_id = c.Column<Guid>(nullable: false),
                version = c.Column<int>(nullable: false),
                encounter_id = c.Column<Guid>(nullable: false),
                patient_id = c.Column<Guid>(nullable: false),
                facility_id = c.Column<Guid>(nullable: false),
                code = c.Column<string>(maxLength: DiagnosisConfiguration.CodeLength, nullable: false),
                display = c.Column<string>(maxLength: DiagnosisConfiguration.DisplayLength, nullable: false),
                rank = c.Column<string>(maxLength: 32, nullable: false),
                clinical_status = c.Column<string>(maxLength: 32, nullable: false),
                verification_status = c.Column<string>(maxLength: 32, nullable: false),
                onset_at = c.Column<DateTimeOffset>(nullable: true),
                note = c.Column<string>(maxLength: Diagnosis.NoteLength, nullable: true),
                recorded_at = c.Column<DateTimeOffset>(nullable: false),
                recorder_id = c.Column<Guid>(nullable: true),
                updated_at = c.Column<DateTimeOffset>(nullable: false),
                entered_in_error_reason = c.Column<string>(maxLength: ClinicalDb.ReasonLength, nullable: true),
            },
            constraints: t =>
            {
                t.PrimaryKey("pk_diagnoses", x => x.id);
                t.ForeignKey("fk_diagnoses_encounters_encounter_id", x => x.encounter_id, "encounters", "id", Schema, onDelete: ReferentialAction.Restrict);
            });
        migrationBuilder.CreateIndex("ix_diagnoses_tenant_id", "diagnoses", "tenant_id", Schema);
        migrationBuilder.CreateIndex("ix_diagnoses_encounter_id", "diagnoses", "encounter_id", Schema);
        migrationBuilder.CreateIndex("ix_diagnoses_patient_id", "diagnoses", "patient_id", Schema);

        // One standing primary diagnosis per encounter, decided by the database so that racing doctors cannot both record one.
        migrationBuilder.CreateIndex(
            "ix_diagnoses_standing_primary_encounter_id", "diagnoses", "encounter_id", Schema, unique: true, filter: Diagnosis.StandingPrimaryFilter);
    }
}
