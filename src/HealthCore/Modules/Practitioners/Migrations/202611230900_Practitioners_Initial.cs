using HealthCore.Platform.Events;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace HealthCore.Modules.Practitioners.Migrations;

[DbContext(typeof(PractitionersDb))]
[Migration("202611230900_Practitioners_Initial")]
internal sealed class PractitionersInitial : Migration
{
    private const string Schema = PractitionersDb.SchemaName;

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.EnsureSchema(Schema);
        migrationBuilder.CreateOutboxTable(Schema);

        migrationBuilder.CreateTable(
            name: "departments",
            schema: Schema,
            columns: c => new
            {
                id = c.Column<Guid>(nullable: false),
                tenant_id = c.Column<Guid>(nullable: false),
                version = c.Column<int>(nullable: false),
                name = c.Column<string>(maxLength: 200, nullable: false),
                code = c.Column<string>(maxLength: 50, nullable: false),
                type = c.Column<string>(maxLength: 20, nullable: false),
                specialty = c.Column<string>(maxLength: 100, nullable: true),
                facility_id = c.Column<Guid>(nullable: false),
                capability_codes = c.Column<string>(maxLength: 500, nullable: false),
                phone = c.Column<string>(maxLength: 16, nullable: true),
                email = c.Column<string>(maxLength: 254, nullable: true),
                active = c.Column<bool>(nullable: false),
                sort_name = c.Column<string>(maxLength: 250, nullable: false),
                created_at = c.Column<DateTimeOffset>(nullable: false),
                updated_at = c.Column<DateTimeOffset>(nullable: false),
            },
            constraints: t => t.PrimaryKey("pk_departments", x => x.id));
        migrationBuilder.CreateIndex("ix_departments_tenant_id", "departments", "tenant_id", Schema);
        migrationBuilder.CreateIndex("ix_departments_tenant_id_code", "departments", ["tenant_id", "code"], Schema, unique: true);
        migrationBuilder.CreateIndex("ix_departments_tenant_id_sort_name", "departments", ["tenant_id", "sort_name"], Schema);

        migrationBuilder.CreateTable(
            name: "department_rules",
            schema: Schema,
            columns: c => new
            {
                id = c.Column<Guid>(nullable: false),
                tenant_id = c.Column<Guid>(nullable: false),
                department_id = c.Column<Guid>(nullable: false),
                key = c.Column<string>(maxLength: 100, nullable: false),
                value = c.Column<string>(nullable: false),
                effective_from = c.Column<DateTimeOffset>(nullable: false),
                effective_to = c.Column<DateTimeOffset>(nullable: true),
                created_at = c.Column<DateTimeOffset>(nullable: false),
            },
            constraints: t =>
            {
                t.PrimaryKey("pk_department_rules", x => x.id);
                t.ForeignKey(
                    "fk_department_rules_departments_department_id", x => x.department_id, "departments", "id", Schema,
                    onDelete: ReferentialAction.Restrict);
            });
        migrationBuilder.CreateIndex("ix_department_rules_tenant_id", "department_rules", "tenant_id", Schema);
        migrationBuilder.CreateIndex(
            "ix_department_rules_department_id_key_effective_from", "department_rules", ["department_id", "key", "effective_from"], Schema, unique: true);

        migrationBuilder.CreateTable(
            name: "practitioners",
            schema: Schema,
            columns: c => new
            {
                id = c.Column<Guid>(nullable: false),
                tenant_id = c.Column<Guid>(nullable: false),
                version = c.Column<int>(nullable: false),
                family = c.Column<string>(maxLength: 100, nullable: true),
                given = c.Column<string>(nullable: false),
                prefix = c.Column<string>(nullable: false),
                suffix = c.Column<string>(nullable: false),
                role = c.Column<string>(maxLength: 20, nullable: false),
                specialties = c.Column<string>(nullable: false),
                licenses = c.Column<string>(nullable: false),
                credentials = c.Column<string>(nullable: false),
                phone = c.Column<string>(maxLength: 16, nullable: true),
                email = c.Column<string>(maxLength: 254, nullable: true),
                user_id = c.Column<Guid>(nullable: true),
                active = c.Column<bool>(nullable: false),
                sort_name = c.Column<string>(maxLength: 700, nullable: false),
                specialty_codes = c.Column<string>(maxLength: 2100, nullable: false),
                created_at = c.Column<DateTimeOffset>(nullable: false),
                updated_at = c.Column<DateTimeOffset>(nullable: false),
            },
            constraints: t => t.PrimaryKey("pk_practitioners", x => x.id));
        migrationBuilder.CreateIndex("ix_practitioners_tenant_id", "practitioners", "tenant_id", Schema);
        migrationBuilder.CreateIndex("ix_practitioners_tenant_id_user_id", "practitioners", ["tenant_id", "user_id"], Schema, unique: true);
        migrationBuilder.CreateIndex("ix_practitioners_tenant_id_sort_name", "practitioners", ["tenant_id", "sort_name"], Schema);

        migrationBuilder.CreateTable(
            name: "practitioner_memberships",
            schema: Schema,
            columns: c => new
            {
                id = c.Column<Guid>(nullable: false),
                tenant_id = c.Column<Guid>(nullable: false),
                practitioner_id = c.Column<Guid>(nullable: false),
                department_id = c.Column<Guid>(nullable: false),
                privileges = c.Column<string>(nullable: false),
                effective_from = c.Column<DateTimeOffset>(nullable: true),
                effective_to = c.Column<DateTimeOffset>(nullable: true),
            },
            constraints: t =>
            {
                t.PrimaryKey("pk_practitioner_memberships", x => x.id);
                t.ForeignKey(
                    "fk_practitioner_memberships_practitioners_practitioner_id", x => x.practitioner_id, "practitioners", "id", Schema,
                    onDelete: ReferentialAction.Cascade);
                t.ForeignKey(
                    "fk_practitioner_memberships_departments_department_id", x => x.department_id, "departments", "id", Schema,
                    onDelete: ReferentialAction.Restrict);
            });
        migrationBuilder.CreateIndex("ix_practitioner_memberships_tenant_id", "practitioner_memberships", "tenant_id", Schema);
        migrationBuilder.CreateIndex("ix_practitioner_memberships_practitioner_id", "practitioner_memberships", "practitioner_id", Schema);
        migrationBuilder.CreateIndex("ix_practitioner_memberships_department_id", "practitioner_memberships", "department_id", Schema);
    }
}
