using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace HealthCore.Modules.Laboratory.Migrations;

[DbContext(typeof(LaboratoryDb))]
[Migration("202612041200_Laboratory_Results")]
internal sealed class LaboratoryResults : Migration
{
    private const string Schema = LaboratoryDb.SchemaName;
    private const int Precision = LabResult.Precision;
    private const int Scale = LabResult.Scale;

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "lab_reports",
            schema: Schema,
            columns: c => new
            {
                id = c.Column<Guid>(nullable: false),
                tenant_id = c.Column<Guid>(nullable: false),
                report_id = c.Column<Guid>(nullable: false),
                request_id = c.Column<Guid>(nullable: false),
                patient_id = c.Column<Guid>(nullable: false),
                encounter_id = c.Column<Guid>(nullable: false),
                facility_id = c.Column<Guid>(nullable: false),
                code = c.Column<string>(maxLength: LabTest.CodeLength, nullable: false),
                display = c.Column<string>(maxLength: LabRequestItem.DisplayLength, nullable: true),
                version = c.Column<int>(nullable: false),
                status = c.Column<string>(maxLength: LaboratoryDb.EnumLength, nullable: false),
                specimen_id = c.Column<Guid>(nullable: true),
                collected_at = c.Column<DateTimeOffset>(nullable: true),
                entered_by = c.Column<Guid>(nullable: true),
                entered_at = c.Column<DateTimeOffset>(nullable: false),
                verified_by = c.Column<Guid>(nullable: true),
                verified_at = c.Column<DateTimeOffset>(nullable: true),
                auto_verified = c.Column<bool>(nullable: false),
                issued_at = c.Column<DateTimeOffset>(nullable: true),
                comment = c.Column<string>(maxLength: LabReport.CommentLength, nullable: true),
                correction_reason = c.Column<string>(maxLength: LabReport.CommentLength, nullable: true),
                previous_version_id = c.Column<Guid>(nullable: true),
                is_current = c.Column<bool>(nullable: false),
            },
            constraints: t => t.PrimaryKey("pk_lab_reports", x => x.id));
        migrationBuilder.CreateIndex("ix_lab_reports_tenant_id", "lab_reports", "tenant_id", Schema);
        migrationBuilder.CreateIndex("ix_lab_reports_report_id_version", "lab_reports", ["report_id", "version"], Schema, unique: true);
        migrationBuilder.CreateIndex("ix_lab_reports_patient_id_is_current", "lab_reports", ["patient_id", "is_current"], Schema);
        migrationBuilder.CreateIndex("ix_lab_reports_request_id", "lab_reports", "request_id", Schema);

        migrationBuilder.CreateTable(
            name: "lab_results",
            schema: Schema,
            columns: c => new
            {
                id = c.Column<Guid>(nullable: false),
                tenant_id = c.Column<Guid>(nullable: false),
                lab_report_id = c.Column<Guid>(nullable: false),
                sequence = c.Column<int>(nullable: false),
                code = c.Column<string>(maxLength: LabTest.CodeLength, nullable: false),
                display = c.Column<string>(maxLength: LabTest.DisplayLength, nullable: true),
                value_type = c.Column<string>(maxLength: LaboratoryDb.EnumLength, nullable: false),
                quantity = c.Column<decimal>(precision: Precision, scale: Scale, nullable: true),
                unit = c.Column<string>(maxLength: LabTest.UnitLength, nullable: true),
                coded_value = c.Column<string>(maxLength: LabTest.TextLength, nullable: true),
                text_value = c.Column<string>(maxLength: LabResult.TextLength, nullable: true),
                numerator = c.Column<decimal>(precision: Precision, scale: Scale, nullable: true),
                denominator = c.Column<decimal>(precision: Precision, scale: Scale, nullable: true),
                interpretation = c.Column<string>(maxLength: LaboratoryDb.EnumLength, nullable: true),
                reference_range = c.Column<string>(maxLength: LaboratoryDb.ShortJsonLength, nullable: true),
                delta_flag = c.Column<bool>(nullable: false),
                previous_value = c.Column<decimal>(precision: Precision, scale: Scale, nullable: true),
                previous_result_id = c.Column<Guid>(nullable: true),
                comment = c.Column<string>(maxLength: LabResult.TextLength, nullable: true),
            },
            constraints: t =>
            {
                t.PrimaryKey("pk_lab_results", x => x.id);
                t.ForeignKey("fk_lab_results_lab_reports_lab_report_id", x => x.lab_report_id, "lab_reports", "id", Schema, onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex("ix_lab_results_tenant_id", "lab_results", "tenant_id", Schema);
        migrationBuilder.CreateIndex("ix_lab_results_lab_report_id_sequence", "lab_results", ["lab_report_id", "sequence"], Schema, unique: true);
        migrationBuilder.CreateIndex("ix_lab_results_code", "lab_results", "code", Schema);
    }
}
