using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace HealthCore.Modules.Laboratory.Migrations;

[DbContext(typeof(LaboratoryDb))]
[Migration("202612041100_Laboratory_Specimens")]
internal sealed class LaboratorySpecimens : Migration
{
    private const string Schema = LaboratoryDb.SchemaName;

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "lab_specimens",
            schema: Schema,
            columns: c => new
            {
                id = c.Column<Guid>(nullable: false),
                tenant_id = c.Column<Guid>(nullable: false),
                version = c.Column<int>(nullable: false),
                request_id = c.Column<Guid>(nullable: false),
                patient_id = c.Column<Guid>(nullable: false),
                accession = c.Column<string>(maxLength: Specimen.AccessionLength, nullable: false),
                item_ids = c.Column<string>(maxLength: LabTest.JsonLength, nullable: false),
                type = c.Column<string>(maxLength: LabTest.TextLength, nullable: true),
                container = c.Column<string>(maxLength: LabTest.TextLength, nullable: true),
                body_site = c.Column<string>(maxLength: Specimen.TextLength, nullable: true),
                collected_at = c.Column<DateTimeOffset>(nullable: false),
                collected_by = c.Column<Guid>(nullable: true),
                collector_practitioner_id = c.Column<Guid>(nullable: true),
                note = c.Column<string>(maxLength: Specimen.NoteLength, nullable: true),
                status = c.Column<string>(maxLength: LaboratoryDb.EnumLength, nullable: false),
                received_at = c.Column<DateTimeOffset>(nullable: true),
                received_by = c.Column<Guid>(nullable: true),
                condition = c.Column<string>(maxLength: Specimen.TextLength, nullable: true),
                rejection_reason = c.Column<string>(maxLength: LaboratoryDb.EnumLength, nullable: true),
                rejection_note = c.Column<string>(maxLength: Specimen.NoteLength, nullable: true),
                rejected_at = c.Column<DateTimeOffset>(nullable: true),
                rejected_by = c.Column<Guid>(nullable: true),
                updated_at = c.Column<DateTimeOffset>(nullable: false),
            },
            constraints: t => t.PrimaryKey("pk_lab_specimens", x => x.id));
        migrationBuilder.CreateIndex("ix_lab_specimens_tenant_id", "lab_specimens", "tenant_id", Schema);
        migrationBuilder.CreateIndex("ix_lab_specimens_tenant_id_accession", "lab_specimens", ["tenant_id", "accession"], Schema, unique: true);
        migrationBuilder.CreateIndex("ix_lab_specimens_request_id", "lab_specimens", "request_id", Schema);

        migrationBuilder.CreateTable(
            name: "lab_accession_counters",
            schema: Schema,
            columns: c => new
            {
                tenant_id = c.Column<Guid>(nullable: false),
                day = c.Column<DateOnly>(nullable: false),
                last_value = c.Column<long>(nullable: false),
            },
            constraints: t => t.PrimaryKey("pk_lab_accession_counters", x => new { x.tenant_id, x.day }));
    }
}
