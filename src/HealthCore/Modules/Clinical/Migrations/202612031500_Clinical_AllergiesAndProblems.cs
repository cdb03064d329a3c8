using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace HealthCore.Modules.Clinical.Migrations;

/// <summary>
/// Allergies (FHIR AllergyIntolerance) and the problem list (FHIR Condition, problem-list-item) as records of their
/// own, each with its numbered history. The patients' embedded lists reach them through the Patients module's
/// migration 202612031505 and its outbox (see <see cref="ClinicalListsFromPatientRecords"/>).
/// </summary>
[DbContext(typeof(ClinicalDb))]
[Migration("202612031500_Clinical_AllergiesAndProblems")]
internal sealed class ClinicalAllergiesAndProblems : Migration
{
    private const string Schema = ClinicalDb.SchemaName;

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "allergies",
            schema: Schema,
            columns: c => new
            {
                id = c.Column<Guid>(nullable: false),
                tenant_id = c.Column<Guid>(nullable: false),
                version = c.Column<int>(nullable: false),
                patient_id = c.Column<Guid>(nullable: false),
                encounter_id = c.Column<Guid>(nullable: true),
                substance_system = c.Column<string>(maxLength: ClinicalCode.SystemLength, nullable: true),
                substance_code = c.Column<string>(maxLength: ClinicalCode.CodeLength, nullable: true),
                substance_display = c.Column<string>(maxLength: ClinicalCode.DisplayLength, nullable: false),
                type = c.Column<string>(maxLength: 32, nullable: true),
                category = c.Column<string>(maxLength: 32, nullable: true),
                criticality = c.Column<string>(maxLength: 32, nullable: true),
                clinical_status = c.Column<string>(maxLength: 32, nullable: true),
                verification_status = c.Column<string>(maxLength: 32, nullable: false),
                reactions = c.Column<string>(maxLength: AllergyConfiguration.ReactionsLength, nullable: false),
                onset_at = c.Column<DateTimeOffset>(nullable: true),
                note = c.Column<string>(maxLength: AllergyIntolerance.NoteLength, nullable: true),
                recorded_at = c.Column<DateTimeOffset>(nullable: false),
                recorder_id = c.Column<Guid>(nullable: true),
                updated_at = c.Column<DateTimeOffset>(nullable: false),
                entered_in_error_reason = c.Column<string>(maxLength: ClinicalDb.ReasonLength, nullable: true),
            },
            constraints: t => t.PrimaryKey("pk_allergies", x => x.id));
        migrationBuilder.CreateIndex("ix_allergies_tenant_id", "allergies", "tenant_id", Schema);
        migrationBuilder.CreateIndex("ix_allergies_patient_id", "allergies", "patient_id", Schema);

        // One standing active allergy per coded substance, decided by the database so that racing clinicians cannot both record it.
        migrationBuilder.CreateIndex(
            "ix_allergies_standing_active_substance", "allergies", ["patient_id", "substance_system", "substance_code"], Schema, unique: true,
            filter: AllergyIntolerance.StandingActiveFilter);

        migrationBuilder.CreateTable(
            name: "problems",
            schema: Schema,
            columns: c => new
            {
                id = c.Column<Guid>(nullable: false),
                tenant_id = c.Column<Guid>(nullable: false),
                version = c.Column<int>(nullable: false),
                patient_id = c.Column<Guid>(nullable: false),
                encounter_id = c.Column<Guid>(nullable: true),
                diagnosis_id = c.Column<Guid>(nullable: true),
                code_system = c.Column<string>(maxLength: ClinicalCode.SystemLength, nullable: true),
                code = c.Column<string>(maxLength: ClinicalCode.CodeLength, nullable: true),
                display = c.Column<string>(maxLength: ClinicalCode.DisplayLength, nullable: false),
                clinical_status = c.Column<string>(maxLength: 32, nullable: true),
                verification_status = c.Column<string>(maxLength: 32, nullable: false),
                onset_at = c.Column<DateTimeOffset>(nullable: true),
                abatement_at = c.Column<DateTimeOffset>(nullable: true),
                note = c.Column<string>(maxLength: Problem.NoteLength, nullable: true),
                recorded_at = c.Column<DateTimeOffset>(nullable: false),
                recorder_id = c.Column<Guid>(nullable: true),
                updated_at = c.Column<DateTimeOffset>(nullable: false),
                entered_in_error_reason = c.Column<string>(maxLength: ClinicalDb.ReasonLength, nullable: true),
            },
            constraints: t => t.PrimaryKey("pk_problems", x => x.id));
        migrationBuilder.CreateIndex("ix_problems_tenant_id", "problems", "tenant_id", Schema);
        migrationBuilder.CreateIndex("ix_problems_patient_id", "problems", "patient_id", Schema);
        migrationBuilder.CreateIndex("ix_problems_standing_diagnosis_id", "problems", "diagnosis_id", Schema, unique: true, filter: Problem.StandingPromotionFilter);

        VersionsTable(migrationBuilder, "allergy_versions");
        VersionsTable(migrationBuilder, "problem_versions");
    }

    private static void VersionsTable(MigrationBuilder migrationBuilder, string name)
    {
        migrationBuilder.CreateTable(
            name: name,
            schema: Schema,
            columns: c => new
            {
                record_id = c.Column<Guid>(nullable: false),
                number = c.Column<int>(nullable: false),
                tenant_id = c.Column<Guid>(nullable: false),
                action = c.Column<string>(maxLength: 32, nullable: false),
                at = c.Column<DateTimeOffset>(nullable: false),
                actor_id = c.Column<Guid>(nullable: true),
                reason = c.Column<string>(maxLength: ClinicalDb.ReasonLength, nullable: true),
                state = c.Column<string>(nullable: false),
            },
            constraints: t => t.PrimaryKey($"pk_{name}", x => new { x.record_id, x.number }));
        migrationBuilder.CreateIndex($"ix_{name}_tenant_id", name, "tenant_id", Schema);
    }
}
