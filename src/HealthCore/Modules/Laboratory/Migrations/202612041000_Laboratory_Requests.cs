using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace HealthCore.Modules.Laboratory.Migrations;

[DbContext(typeof(LaboratoryDb))]
[Migration("202612041000_Laboratory_Requests")]
internal sealed class LaboratoryRequests : Migration
{
    private const string Schema = LaboratoryDb.SchemaName;

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "lab_requests",
            schema: Schema,
            columns: c => new
            {
                id = c.Column<Guid>(nullable: false),
                tenant_id = c.Column<Guid>(nullable: false),
                version = c.Column<int>(nullable: false),
                patient_id = c.Column<Guid>(nullable: false),
                encounter_id = c.Column<Guid>(nullable: false),
                facility_id = c.Column<Guid>(nullable: false),
                requester_id = c.Column<Guid>(nullable: false),
                performer_department_id = c.Column<Guid>(nullable: true),
                priority = c.Column<string>(maxLength: LaboratoryDb.EnumLength, nullable: false),
                priority_rank = c.Column<int>(nullable: false),
                status = c.Column<string>(maxLength: 32, nullable: false),
                ordered_at = c.Column<DateTimeOffset>(nullable: false),
                received_from_orders_at = c.Column<DateTimeOffset>(nullable: false),
                cancelled_at = c.Column<DateTimeOffset>(nullable: true),
                cancel_reason = c.Column<string>(maxLength: LabRequest.ReasonLength, nullable: true),
                updated_at = c.Column<DateTimeOffset>(nullable: false),
            },
            constraints: t => t.PrimaryKey("pk_lab_requests", x => x.id));
        migrationBuilder.CreateIndex("ix_lab_requests_tenant_id", "lab_requests", "tenant_id", Schema);
        migrationBuilder.CreateIndex(
            "ix_lab_requests_tenant_id_status_priority_rank_ordered_at", "lab_requests", ["tenant_id", "status", "priority_rank", "ordered_at"], Schema);
        migrationBuilder.CreateIndex("ix_lab_requests_patient_id_ordered_at", "lab_requests", ["patient_id", "ordered_at"], Schema);

        migrationBuilder.CreateTable(
            name: "lab_request_items",
            schema: Schema,
            columns: c => new
            {
                id = c.Column<Guid>(nullable: false),
                tenant_id = c.Column<Guid>(nullable: false),
                request_id = c.Column<Guid>(nullable: false),
                sequence = c.Column<int>(nullable: false),
                code = c.Column<string>(maxLength: LabTest.CodeLength, nullable: false),
                display = c.Column<string>(maxLength: LabRequestItem.DisplayLength, nullable: true),
                analyte_codes = c.Column<string>(maxLength: LabTest.JsonLength, nullable: false),
                specimen_type = c.Column<string>(maxLength: LabTest.TextLength, nullable: true),
                container = c.Column<string>(maxLength: LabTest.TextLength, nullable: true),
                target_minutes = c.Column<int>(nullable: true),
                status = c.Column<string>(maxLength: 32, nullable: false),
                specimen_id = c.Column<Guid>(nullable: true),
                collected_at = c.Column<DateTimeOffset>(nullable: true),
                received_at = c.Column<DateTimeOffset>(nullable: true),
                resulted_at = c.Column<DateTimeOffset>(nullable: true),
                verified_at = c.Column<DateTimeOffset>(nullable: true),
                status_changed_at = c.Column<DateTimeOffset>(nullable: false),
            },
            constraints: t =>
            {
                t.PrimaryKey("pk_lab_request_items", x => x.id);
                t.ForeignKey("fk_lab_request_items_lab_requests_request_id", x => x.request_id, "lab_requests", "id", Schema, onDelete: ReferentialAction.Restrict);
            });
        migrationBuilder.CreateIndex("ix_lab_request_items_tenant_id", "lab_request_items", "tenant_id", Schema);
        migrationBuilder.CreateIndex("ix_lab_request_items_request_id_sequence", "lab_request_items", ["request_id", "sequence"], Schema, unique: true);
    }
}
