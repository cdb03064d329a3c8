using HealthCore.Platform.Database;
using HealthCore.Platform.Events;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace HealthCore.Modules.Audit.Migrations;

[DbContext(typeof(AuditDb))]
[Migration("202611220600_Audit_Initial")]
internal sealed class AuditInitial : Migration
{
    private const string Schema = "audit";

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.EnsureSchema(Schema);
        migrationBuilder.CreateOutboxTable(Schema);

        migrationBuilder.CreateTable(
            name: "audit_records",
            schema: Schema,
            columns: c => new
            {
                id = c.Column<Guid>(nullable: false),
                tenant_id = c.Column<Guid>(nullable: false),
                sequence = c.Column<long>(nullable: false),
                occurred_at = c.Column<DateTimeOffset>(nullable: false),
                actor_id = c.Column<Guid>(nullable: true),
                actor_name = c.Column<string>(maxLength: 200, nullable: true),
                action = c.Column<string>(maxLength: 50, nullable: false),
                entity_type = c.Column<string>(maxLength: 200, nullable: false),
                entity_id = c.Column<string>(maxLength: 200, nullable: true),
                changes = c.Column<string>(nullable: true),
                correlation_id = c.Column<string>(maxLength: 128, nullable: true),
                client_ip = c.Column<string>(maxLength: 64, nullable: true),
                user_agent = c.Column<string>(maxLength: 500, nullable: true),
                previous_hash = c.Column<string>(maxLength: 64, nullable: false),
                hash = c.Column<string>(maxLength: 64, nullable: false),
            },
            constraints: t => t.PrimaryKey("pk_audit_records", x => x.id));
        migrationBuilder.CreateIndex(
            "ix_audit_records_tenant_id_sequence", "audit_records", ["tenant_id", "sequence"], Schema, unique: true);
        migrationBuilder.CreateIndex(
            "ix_audit_records_tenant_id_entity_type_entity_id", "audit_records", ["tenant_id", "entity_type", "entity_id"], Schema);

        migrationBuilder.CreateTable(
            name: "audit_chain_heads",
            schema: Schema,
            columns: c => new
            {
                tenant_id = c.Column<Guid>(nullable: false),
                last_sequence = c.Column<long>(nullable: false),
                last_hash = c.Column<string>(maxLength: 64, nullable: false),
            },
            constraints: t => t.PrimaryKey("pk_audit_chain_heads", x => x.tenant_id));

        // The trail is append-only for everyone but a superuser who disables triggers; the hash chain shows that too.
        migrationBuilder.MakeAppendOnly(Schema, "audit_records", "reject_audit_record_change", "audit records");
    }
}
