using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace HealthCore.Modules.Identity.Migrations;

[DbContext(typeof(IdentityDb))]
[Migration("202611291000_Identity_TenantSettings")]
internal sealed class IdentityTenantSettings : Migration
{
    private const string Schema = IdentityDb.SchemaName;

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "tenant_settings",
            schema: Schema,
            columns: c => new
            {
                id = c.Column<Guid>(nullable: false),
                tenant_id = c.Column<Guid>(nullable: false),
                version = c.Column<int>(nullable: false),
                default_slot_minutes = c.Column<int>(nullable: true),
                booking_horizon_days = c.Column<int>(nullable: true),
                low_stock_threshold = c.Column<int>(nullable: true),
                mrn_format = c.Column<string>(maxLength: 50, nullable: true),
                time_zone = c.Column<string>(maxLength: 64, nullable: true),
                currency = c.Column<string>(maxLength: 3, nullable: true),
                features = c.Column<string>(maxLength: 2000, nullable: false),
                updated_at = c.Column<DateTimeOffset>(nullable: false),
            },
            constraints: t => t.PrimaryKey("pk_tenant_settings", x => x.id));
        migrationBuilder.CreateIndex("ix_tenant_settings_tenant_id", "tenant_settings", "tenant_id", Schema, unique: true);
    }
}
