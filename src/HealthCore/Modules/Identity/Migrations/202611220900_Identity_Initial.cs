using HealthCore.Platform.Events;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace HealthCore.Modules.Identity.Migrations;

[DbContext(typeof(IdentityDb))]
[Migration("202611220900_Identity_Initial")]
internal sealed class IdentityInitial : Migration
{
    private const string Schema = IdentityDb.SchemaName;

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.EnsureSchema(Schema);
        migrationBuilder.CreateOutboxTable(Schema);

        migrationBuilder.CreateTable(
            name: "tenants",
            schema: Schema,
            columns: c => new
            {
                id = c.Column<Guid>(nullable: false),
                code = c.Column<string>(maxLength: 50, nullable: false),
                name = c.Column<string>(maxLength: 200, nullable: false),
                active = c.Column<bool>(nullable: false),
                created_at = c.Column<DateTimeOffset>(nullable: false),
            },
            constraints: t => t.PrimaryKey("pk_tenants", x => x.id));
        migrationBuilder.CreateIndex("ix_tenants_code", "tenants", "code", Schema, unique: true);

        migrationBuilder.CreateTable(
            name: "facilities",
            schema: Schema,
            columns: c => new
            {
                id = c.Column<Guid>(nullable: false),
                tenant_id = c.Column<Guid>(nullable: false),
                version = c.Column<int>(nullable: false),
                code = c.Column<string>(maxLength: 50, nullable: false),
                name = c.Column<string>(maxLength: 200, nullable: false),
                created_at = c.Column<DateTimeOffset>(nullable: false),
            },
            constraints: t => t.PrimaryKey("pk_facilities", x => x.id));
        migrationBuilder.CreateIndex("ix_facilities_tenant_id", "facilities", "tenant_id", Schema);
        migrationBuilder.CreateIndex("ix_facilities_tenant_id_code", "facilities", ["tenant_id", "code"], Schema, unique: true);

        migrationBuilder.CreateTable(
            name: "users",
            schema: Schema,
            columns: c => new
            {
                id = c.Column<Guid>(nullable: false),
                tenant_id = c.Column<Guid>(nullable: false),
                version = c.Column<int>(nullable: false),
                username = c.Column<string>(maxLength: 100, nullable: false),
                normalized_username = c.Column<string>(maxLength: 100, nullable: false),
                display_name = c.Column<string>(maxLength: 200, nullable: false),
                password_hash = c.Column<string>(maxLength: 500, nullable: false),
                roles = c.Column<string>(maxLength: 500, nullable: false),
                facility_ids = c.Column<string>(maxLength: 4000, nullable: false),
                active = c.Column<bool>(nullable: false),
                failed_login_count = c.Column<int>(nullable: false),
                lockout_end = c.Column<DateTimeOffset>(nullable: true),
                security_stamp = c.Column<string>(maxLength: 64, nullable: false),
                created_at = c.Column<DateTimeOffset>(nullable: false),
            },
            constraints: t => t.PrimaryKey("pk_users", x => x.id));
        migrationBuilder.CreateIndex("ix_users_tenant_id", "users", "tenant_id", Schema);
        migrationBuilder.CreateIndex(
            "ix_users_tenant_id_normalized_username", "users", ["tenant_id", "normalized_username"], Schema, unique: true);

        migrationBuilder.CreateTable(
            name: "refresh_tokens",
            schema: Schema,
            columns: c => new
            {
                id = c.Column<Guid>(nullable: false),
                tenant_id = c.Column<Guid>(nullable: false),
                user_id = c.Column<Guid>(nullable: false),
                family_id = c.Column<Guid>(nullable: false),
                token_hash = c.Column<string>(maxLength: 64, nullable: false),
                created_at = c.Column<DateTimeOffset>(nullable: false),
                expires_at = c.Column<DateTimeOffset>(nullable: false),
                spent_at = c.Column<DateTimeOffset>(nullable: true),
                revoked_at = c.Column<DateTimeOffset>(nullable: true),
            },
            constraints: t => t.PrimaryKey("pk_refresh_tokens", x => x.id));
        migrationBuilder.CreateIndex("ix_refresh_tokens_tenant_id", "refresh_tokens", "tenant_id", Schema);
        migrationBuilder.CreateIndex("ix_refresh_tokens_token_hash", "refresh_tokens", "token_hash", Schema, unique: true);
        migrationBuilder.CreateIndex("ix_refresh_tokens_family_id", "refresh_tokens", "family_id", Schema);
        migrationBuilder.CreateIndex("ix_refresh_tokens_user_id", "refresh_tokens", "user_id", Schema);
    }
}
