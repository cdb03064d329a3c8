using Microsoft.EntityFrameworkCore.Migrations;

namespace HealthCore.Platform.Events;

internal static class OutboxMigration
{
    /// <summary>Every module's first migration creates its outbox with this call.</summary>
    public static void CreateOutboxTable(this MigrationBuilder migrationBuilder, string schema)
    {
        var table = OutboxMessage.TableName(schema);
        migrationBuilder.CreateTable(
            name: table,
            schema: schema,
            columns: c => new
            {
                id = c.Column<Guid>(nullable: false),
                type = c.Column<string>(maxLength: OutboxMessage.MaxTypeLength, nullable: false),
                payload = c.Column<string>(nullable: false),
                tenant_id = c.Column<Guid>(nullable: true),
                occurred_at = c.Column<DateTimeOffset>(nullable: false),
                next_attempt_at = c.Column<DateTimeOffset>(nullable: false),
                attempts = c.Column<int>(nullable: false),
                last_error = c.Column<string>(maxLength: 2000, nullable: true),
                locked_until = c.Column<DateTimeOffset>(nullable: true),
                locked_by = c.Column<Guid>(nullable: true),
                processed_at = c.Column<DateTimeOffset>(nullable: true),
                dead_lettered_at = c.Column<DateTimeOffset>(nullable: true),
            },
            constraints: t => t.PrimaryKey($"pk_{table}", x => x.id));
        migrationBuilder.CreateIndex(
            name: $"ix_{table}_processed_at_next_attempt_at",
            schema: schema,
            table: table,
            columns: ["processed_at", "next_attempt_at"]);
    }
}
