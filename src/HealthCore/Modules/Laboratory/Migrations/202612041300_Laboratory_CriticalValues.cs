using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace HealthCore.Modules.Laboratory.Migrations;

[DbContext(typeof(LaboratoryDb))]
[Migration("202612041300_Laboratory_CriticalValues")]
internal sealed class LaboratoryCriticalValues : Migration
{
    private const string Schema = LaboratoryDb.SchemaName;

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "lab_critical_alerts",
            schema: Schema,
            columns: c => new
            {
                id = c.Column<Guid>(nullable: false),
                tenant_id = c.Column<Guid>(nullable: false),
                version = c.Column<int>(nullable: false),
                result_id = c.Column<Guid>(nullable: false),
                order_id = c.Column<Guid>(nullable: false),
                item_id = c.Column<Guid>(nullable: false),
                report_id = c.Column<Guid>(nullable: false),
                report_version = c.Column<int>(nullable: false),
                patient_id = c.Column<Guid>(nullable: false),
                encounter_id = c.Column<Guid>(nullable: false),
                facility_id = c.Column<Guid>(nullable: false),
                code = c.Column<string>(maxLength: LabTest.CodeLength, nullable: false),
                display = c.Column<string>(maxLength: LabRequestItem.DisplayLength, nullable: true),
                value = c.Column<string>(maxLength: LabCriticalAlert.ValueLength, nullable: false),
                unit = c.Column<string>(maxLength: LabTest.UnitLength, nullable: true),
                interpretation = c.Column<string>(maxLength: LaboratoryDb.EnumLength, nullable: true),
                reference_range = c.Column<string>(maxLength: LabCriticalAlert.TextLength, nullable: true),
                released_at = c.Column<DateTimeOffset>(nullable: false),
                opened_at = c.Column<DateTimeOffset>(nullable: false),
                status = c.Column<string>(maxLength: LaboratoryDb.EnumLength, nullable: false),
                level = c.Column<int>(nullable: false),
                due_at = c.Column<DateTimeOffset>(nullable: true),
                escalations = c.Column<string>(maxLength: LaboratoryDb.ShortJsonLength, nullable: false),
                acknowledged_at = c.Column<DateTimeOffset>(nullable: true),
                acknowledged_by = c.Column<Guid>(nullable: true),
                acknowledged_by_practitioner_id = c.Column<Guid>(nullable: true),
                acknowledgement_method = c.Column<string>(maxLength: LaboratoryDb.EnumLength, nullable: true),
                read_back = c.Column<string>(maxLength: LabCriticalAlert.ReadBackLength, nullable: true),
                communicated_to = c.Column<string>(maxLength: LabCriticalAlert.CommunicatedToLength, nullable: true),
            },
            constraints: t => t.PrimaryKey("pk_lab_critical_alerts", x => x.id));
        migrationBuilder.CreateIndex("ix_lab_critical_alerts_tenant_id", "lab_critical_alerts", "tenant_id", Schema);
        migrationBuilder.CreateIndex("ix_lab_critical_alerts_tenant_id_result_id", "lab_critical_alerts", ["tenant_id", "result_id"], Schema, unique: true);
        migrationBuilder.CreateIndex("ix_lab_critical_alerts_status_due_at", "lab_critical_alerts", ["status", "due_at"], Schema);
        migrationBuilder.CreateIndex("ix_lab_critical_alerts_patient_id_released_at", "lab_critical_alerts", ["patient_id", "released_at"], Schema);
    }
}
