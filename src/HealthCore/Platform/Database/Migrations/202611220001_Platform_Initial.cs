using HealthCore.Platform.Events;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace HealthCore.Platform.Database.Migrations;

[DbContext(typeof(PlatformDb))]
[Migration("202611220001_Platform_Initial")]
internal sealed class PlatformInitial : Migration
{
    private const string Schema = "platform";

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.EnsureSchema(Schema);
        migrationBuilder.CreateOutboxTable(Schema);

        migrationBuilder.CreateTable(
            name: "idempotency_records",
            schema: Schema,
            columns: c => new
            {
                scope = c.Column<string>(maxLength: 200, nullable: false),
                key = c.Column<string>(maxLength: 200, nullable: false),
                request_hash = c.Column<string>(maxLength: 64, nullable: false),
                completed = c.Column<bool>(nullable: false),
                status_code = c.Column<int>(nullable: true),
                content_type = c.Column<string>(maxLength: 200, nullable: true),
                location = c.Column<string>(maxLength: 2000, nullable: true),
                body = c.Column<byte[]>(nullable: true),
                created_at = c.Column<DateTimeOffset>(nullable: false),
                expires_at = c.Column<DateTimeOffset>(nullable: false),
            },
            constraints: t => t.PrimaryKey("pk_idempotency_records", x => new { x.scope, x.key }));
        migrationBuilder.CreateIndex("ix_idempotency_records_expires_at", "idempotency_records", "expires_at", Schema);

        migrationBuilder.CreateTable(
            name: "processed_messages",
            schema: Schema,
            columns: c => new
            {
                message_id = c.Column<Guid>(nullable: false),
                handler = c.Column<string>(maxLength: 300, nullable: false),
                processed_at = c.Column<DateTimeOffset>(nullable: false),
            },
            constraints: t => t.PrimaryKey("pk_processed_messages", x => new { x.message_id, x.handler }));
    }
}
