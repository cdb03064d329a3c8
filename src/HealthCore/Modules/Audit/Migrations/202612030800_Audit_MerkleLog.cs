using HealthCore.Platform.Auditing;
using HealthCore.Platform.Database;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace HealthCore.Modules.Audit.Migrations;

/// <summary>
/// Replaces the per-tenant linear chain (whose head row every audited write locked) with an append-only log sealed
/// into per-tenant Merkle trees. Existing records keep their chain fields and format 1; the chain heads are frozen
/// (append-only from here on) and the sealer imports the legacy records as the first leaves of each tenant's tree.
/// </summary>
[DbContext(typeof(AuditDb))]
[Migration("202612030800_Audit_MerkleLog")]
internal sealed class AuditMerkleLog : Migration
{
    private const string Schema = AuditRecord.Schema;

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        if (migrationBuilder.IsSqlite())
        {
            RebuildRecordsOnSqlite(migrationBuilder);
        }
        else
        {
            migrationBuilder.AlterColumn<long>(name: "sequence", table: "audit_records", schema: Schema, nullable: true, oldClrType: typeof(long), oldNullable: false);
            migrationBuilder.AlterColumn<string>(
                name: "previous_hash", table: "audit_records", schema: Schema, maxLength: 64, nullable: true, oldClrType: typeof(string), oldMaxLength: 64, oldNullable: false);
            migrationBuilder.AddColumn<int>(name: "format", table: "audit_records", schema: Schema, nullable: false, defaultValue: AuditRecord.LegacyChainFormat);
            migrationBuilder.AddColumn<int>(name: "epoch", table: "audit_records", schema: Schema, nullable: false, defaultValue: 1);

            // Added without a default and then given one, so that migrated rows keep a null xid (the default is volatile).
            migrationBuilder.AddColumn<long>(name: "xid", table: "audit_records", schema: Schema, nullable: true);
            migrationBuilder.Sql($"ALTER TABLE {Schema}.audit_records ALTER COLUMN xid SET DEFAULT {AuditRecord.XidDefaultSql};");
        }

        migrationBuilder.CreateIndex("ix_audit_records_epoch_xid_id", "audit_records", ["epoch", "xid", "id"], Schema);

        migrationBuilder.CreateTable(
            name: "audit_leaves",
            schema: Schema,
            columns: c => new
            {
                tenant_id = c.Column<Guid>(nullable: false),
                leaf_index = c.Column<long>(nullable: false),
                record_id = c.Column<Guid>(nullable: false),
                leaf_hash = c.Column<string>(maxLength: 64, nullable: false),
            },
            constraints: t => t.PrimaryKey("pk_audit_leaves", x => new { x.tenant_id, x.leaf_index }));
        migrationBuilder.CreateIndex("ix_audit_leaves_record_id", "audit_leaves", "record_id", Schema, unique: true);

        migrationBuilder.CreateTable(
            name: "audit_tree_heads",
            schema: Schema,
            columns: c => new
            {
                tenant_id = c.Column<Guid>(nullable: false),
                tree_size = c.Column<long>(nullable: false),
                root_hash = c.Column<string>(maxLength: 64, nullable: false),
                frontier = c.Column<string>(nullable: false),
                updated_at = c.Column<DateTimeOffset>(nullable: false),
            },
            constraints: t => t.PrimaryKey("pk_audit_tree_heads", x => x.tenant_id));

        migrationBuilder.CreateTable(
            name: "audit_seal_cursors",
            schema: Schema,
            columns: c => new
            {
                epoch = c.Column<int>(nullable: false),
                after_xid = c.Column<long>(nullable: false),
                after_id = c.Column<Guid>(nullable: true),
                closed = c.Column<bool>(nullable: false),
                started_at = c.Column<DateTimeOffset>(nullable: false),
                reason = c.Column<string>(maxLength: 200, nullable: true),
            },
            constraints: t => t.PrimaryKey("pk_audit_seal_cursors", x => x.epoch));

        migrationBuilder.CreateTable(
            name: "audit_checkpoints",
            schema: Schema,
            columns: c => new
            {
                id = c.Column<Guid>(nullable: false),
                tenant_id = c.Column<Guid>(nullable: false),
                tree_size = c.Column<long>(nullable: false),
                root_hash = c.Column<string>(maxLength: 64, nullable: false),
                issued_at = c.Column<DateTimeOffset>(nullable: false),
                key_id = c.Column<string>(maxLength: 100, nullable: false),
                signature = c.Column<string>(maxLength: 200, nullable: false),
            },
            constraints: t => t.PrimaryKey("pk_audit_checkpoints", x => x.id));
        migrationBuilder.CreateIndex("ix_audit_checkpoints_tenant_id_tree_size", "audit_checkpoints", ["tenant_id", "tree_size"], Schema);

        migrationBuilder.MakeAppendOnly(Schema, "audit_leaves", "reject_audit_leaf_change", "audit tree leaves");
        migrationBuilder.MakeAppendOnly(Schema, "audit_checkpoints", "reject_audit_checkpoint_change", "audit checkpoints");
        migrationBuilder.MakeAppendOnly(Schema, "audit_chain_heads", "reject_audit_chain_head_change", "frozen audit chain heads");
    }

    /// <summary>SQLite cannot change a column's nullability in place: the table is rebuilt, rows copied in rowid order.</summary>
    private static void RebuildRecordsOnSqlite(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "audit_records_rebuilt",
            columns: c => new
            {
                id = c.Column<Guid>(nullable: false),
                tenant_id = c.Column<Guid>(nullable: false),
                format = c.Column<int>(nullable: false, defaultValue: AuditRecord.LegacyChainFormat),
                sequence = c.Column<long>(nullable: true),
                epoch = c.Column<int>(nullable: false, defaultValue: 1),
                xid = c.Column<long>(nullable: true),
                occurred_at = c.Column<DateTimeOffset>(nullable: false),
                actor_id = c.Column<Guid>(nullable: true),
                actor_name = c.Column<string>(maxLength: 200, nullable: true),
                action = c.Column<string>(maxLength: 50, nullable: false),
                entity_type = c.Column<string>(maxLength: 200, nullable: false),
                entity_id = c.Column<string>(maxLength: 200, nullable: true),
                changes = c.Column<string>(nullable: true),
                reason = c.Column<string>(maxLength: AuditRecord.MaxReasonLength, nullable: true),
                correlation_id = c.Column<string>(maxLength: 128, nullable: true),
                client_ip = c.Column<string>(maxLength: 64, nullable: true),
                user_agent = c.Column<string>(maxLength: 500, nullable: true),
                previous_hash = c.Column<string>(maxLength: 64, nullable: true),
                hash = c.Column<string>(maxLength: 64, nullable: false),
            },
            constraints: t => t.PrimaryKey("pk_audit_records", x => x.id));
        const string Columns = "id, tenant_id, sequence, occurred_at, actor_id, actor_name, action, entity_type, entity_id, changes, reason, "
            + "correlation_id, client_ip, user_agent, previous_hash, hash";
        migrationBuilder.Sql($"INSERT INTO audit_records_rebuilt ({Columns}, format) SELECT {Columns}, 1 FROM audit_records ORDER BY rowid;");
        migrationBuilder.DropTable("audit_records");
        migrationBuilder.RenameTable("audit_records_rebuilt", newName: "audit_records");
        migrationBuilder.CreateIndex("ix_audit_records_tenant_id_sequence", "audit_records", ["tenant_id", "sequence"], unique: true);
        migrationBuilder.CreateIndex("ix_audit_records_tenant_id_entity_type_entity_id", "audit_records", ["tenant_id", "entity_type", "entity_id"]);
    }
}
