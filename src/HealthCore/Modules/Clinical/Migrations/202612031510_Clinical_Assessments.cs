using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace HealthCore.Modules.Clinical.Migrations;

[DbContext(typeof(ClinicalDb))]
[Migration("202612031510_Clinical_Assessments")]
internal sealed class ClinicalAssessments : Migration
{
    private const string Schema = ClinicalDb.SchemaName;

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "assessments",
            schema: Schema,
            columns: c => new
            {
                id = c.Column<Guid>(nullable: false),
                tenant_id = c.Column<Guid>(nullable: false),
                version = c.Column<int>(nullable: false),
                patient_id = c.Column<Guid>(nullable: false),
                encounter_id = c.Column<Guid>(nullable: false),
                facility_id = c.Column<Guid>(nullable: false),
                form_key = c.Column<string>(maxLength: AssessmentConfiguration.FormKeyLength, nullable: false),
                form_version = c.Column<int>(nullable: false),
                status = c.Column<string>(maxLength: 32, nullable: false),
                authored_at = c.Column<DateTimeOffset>(nullable: false),
                recorded_at = c.Column<DateTimeOffset>(nullable: false),
                author_id = c.Column<Guid>(nullable: true),
                answers = c.Column<string>(nullable: false),
                scores = c.Column<string>(maxLength: AssessmentConfiguration.ScoresLength, nullable: false),
                replaces = c.Column<Guid>(nullable: true),
                superseded_by = c.Column<Guid>(nullable: true),
                entered_in_error_reason = c.Column<string>(maxLength: ClinicalDb.ReasonLength, nullable: true),
                entered_in_error_at = c.Column<DateTimeOffset>(nullable: true),
                entered_in_error_by = c.Column<Guid>(nullable: true),
            },
            constraints: t => t.PrimaryKey("pk_assessments", x => x.id));
        migrationBuilder.CreateIndex("ix_assessments_tenant_id", "assessments", "tenant_id", Schema);
        migrationBuilder.CreateIndex("ix_assessments_encounter_id_form_key", "assessments", ["encounter_id", "form_key"], Schema);
        migrationBuilder.CreateIndex("ix_assessments_patient_id_form_key", "assessments", ["patient_id", "form_key"], Schema);

        // An assessment is corrected once: two racing corrections of the same one cannot both supersede it.
        migrationBuilder.CreateIndex("ix_assessments_tenant_id_replaces", "assessments", ["tenant_id", "replaces"], Schema, unique: true);
    }
}
