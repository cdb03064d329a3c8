using HealthCore.Platform.Events;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace HealthCore.Modules.Laboratory.Migrations;

[DbContext(typeof(LaboratoryDb))]
[Migration("202612031600_Laboratory_Catalog")]
internal sealed class LaboratoryCatalog : Migration
{
    private const string Schema = LaboratoryDb.SchemaName;

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.EnsureSchema(Schema);
        migrationBuilder.CreateOutboxTable(Schema);

        migrationBuilder.CreateTable(
            name: "lab_tests",
            schema: Schema,
            columns: c => new
            {
                id = c.Column<Guid>(nullable: false),
                tenant_id = c.Column<Guid>(nullable: false),
                version = c.Column<int>(nullable: false),
                code = c.Column<string>(maxLength: LabTest.CodeLength, nullable: false),
                display = c.Column<string>(maxLength: LabTest.DisplayLength, nullable: false),
                kind = c.Column<string>(maxLength: LaboratoryDb.EnumLength, nullable: false),
                synonyms = c.Column<string>(maxLength: LabTest.JsonLength, nullable: false),
                search_key = c.Column<string>(maxLength: LabTest.SearchKeyLength, nullable: false),
                specimen = c.Column<string>(maxLength: LaboratoryDb.ShortJsonLength, nullable: true),
                method = c.Column<string>(maxLength: LabTest.TextLength, nullable: true),
                value_type = c.Column<string>(maxLength: LaboratoryDb.EnumLength, nullable: true),
                unit = c.Column<string>(maxLength: LabTest.UnitLength, nullable: true),
                answers = c.Column<string>(maxLength: LabTest.JsonLength, nullable: false),
                turnaround = c.Column<string>(maxLength: LaboratoryDb.ShortJsonLength, nullable: true),
                minimum_retest_interval_minutes = c.Column<int>(nullable: true),
                price_code = c.Column<string>(maxLength: LabTest.TextLength, nullable: true),
                delta_check = c.Column<string>(maxLength: LaboratoryDb.ShortJsonLength, nullable: true),
                members = c.Column<string>(maxLength: LabTest.JsonLength, nullable: false),
                ranges = c.Column<string>(maxLength: LabTest.JsonLength, nullable: false),
                active = c.Column<bool>(nullable: false),
                created_at = c.Column<DateTimeOffset>(nullable: false),
                updated_at = c.Column<DateTimeOffset>(nullable: false),
            },
            constraints: t => t.PrimaryKey("pk_lab_tests", x => x.id));
        migrationBuilder.CreateIndex("ix_lab_tests_tenant_id", "lab_tests", "tenant_id", Schema);
        migrationBuilder.CreateIndex("ix_lab_tests_tenant_id_code", "lab_tests", ["tenant_id", "code"], Schema, unique: true);

        migrationBuilder.CreateTable(
            name: "lab_starter_catalog_loads",
            schema: Schema,
            columns: c => new
            {
                tenant_id = c.Column<Guid>(nullable: false),
                catalog_version = c.Column<int>(nullable: false),
                loaded_at = c.Column<DateTimeOffset>(nullable: false),
            },
            constraints: t => t.PrimaryKey("pk_lab_starter_catalog_loads", x => new { x.tenant_id, x.catalog_version }));
        migrationBuilder.CreateIndex("ix_lab_starter_catalog_loads_tenant_id", "lab_starter_catalog_loads", "tenant_id", Schema);
    }
}
