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
        migrationBuilder.AlterColumn<long>("sequence", "audit_records", Schema, nullable: true, oldClrType: typeof(long), oldNullable: false);
        migrationBuilder.AlterColumn<string>(
            "previous_hash", "audit_records", Schema, maxLength: 64, nullable: true, oldClrType: typeof(string), oldMaxLength: 64, oldNullable: false);
        migrationBuilder.AddColumn<int>("format", "audit_records", Schema, nullable: false, defaultValue: AuditRecord.LegacyChainFormat);
        migrationBuilder.AddColumn<int>("epoch", "audit_records", Schema, nullable: false, defaultValue: 1);

        // Added without a default and then given one, so that migrated rows keep a null xid (the default is volatile).
        migrationBuilder.AddColumn<long>("xid", "audit_records", Schema, nullable: true);
        if (migrationBuilder.IsNpgsql())
        {
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
}
