using HealthCore.Platform.Events;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace HealthCore.Modules.Notifications.Migrations;

[DbContext(typeof(NotificationsDb))]
[Migration("202611291900_Notifications_Initial")]
internal sealed class NotificationsInitial : Migration
{
    private const string Schema = NotificationsDb.SchemaName;

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.EnsureSchema(Schema);
        migrationBuilder.CreateOutboxTable(Schema);

        migrationBuilder.CreateTable(
            name: "notifications",
            schema: Schema,
            columns: c => new
            {
                id = c.Column<Guid>(nullable: false),
                tenant_id = c.Column<Guid>(nullable: false),
                channel = c.Column<string>(maxLength: 20, nullable: false),
                recipient_kind = c.Column<string>(maxLength: 20, nullable: false),
                recipient_address = c.Column<string>(maxLength: 320, nullable: false),
                template_key = c.Column<string>(maxLength: 100, nullable: false),
                dedup_key = c.Column<string>(maxLength: 200, nullable: true),
                subject = c.Column<string>(maxLength: 1000, nullable: true),
                body = c.Column<string>(maxLength: 100_000, nullable: false),
                status = c.Column<string>(maxLength: 20, nullable: false),
                attempts = c.Column<int>(nullable: false),
                last_error = c.Column<string>(maxLength: 2000, nullable: true),
                created_at = c.Column<DateTimeOffset>(nullable: false),
                created_by = c.Column<Guid>(nullable: true),
                next_attempt_at = c.Column<DateTimeOffset>(nullable: false),
                last_attempt_at = c.Column<DateTimeOffset>(nullable: true),
                sent_at = c.Column<DateTimeOffset>(nullable: true),
                dead_at = c.Column<DateTimeOffset>(nullable: true),
                locked_until = c.Column<DateTimeOffset>(nullable: true),
                locked_by = c.Column<Guid>(nullable: true),
            },
            constraints: t => t.PrimaryKey("pk_notifications", x => x.id));
        migrationBuilder.CreateIndex("ix_notifications_tenant_id", "notifications", "tenant_id", Schema);
        migrationBuilder.CreateIndex("ix_notifications_tenant_id_dedup_key", "notifications", ["tenant_id", "dedup_key"], Schema, unique: true);
        migrationBuilder.CreateIndex("ix_notifications_tenant_id_recipient_address", "notifications", ["tenant_id", "recipient_address"], Schema);
        migrationBuilder.CreateIndex("ix_notifications_status_next_attempt_at", "notifications", ["status", "next_attempt_at"], Schema);

        migrationBuilder.CreateTable(
            name: "notification_templates",
            schema: Schema,
            columns: c => new
            {
                id = c.Column<Guid>(nullable: false),
                tenant_id = c.Column<Guid>(nullable: false),
                version = c.Column<int>(nullable: false),
                key = c.Column<string>(maxLength: 100, nullable: false),
                description = c.Column<string>(maxLength: 500, nullable: true),
                email_subject = c.Column<string>(maxLength: 500, nullable: true),
                email_body = c.Column<string>(maxLength: 20_000, nullable: true),
                sms_body = c.Column<string>(maxLength: 20_000, nullable: true),
                push_subject = c.Column<string>(maxLength: 500, nullable: true),
                push_body = c.Column<string>(maxLength: 20_000, nullable: true),
                in_app_subject = c.Column<string>(maxLength: 500, nullable: true),
                in_app_body = c.Column<string>(maxLength: 20_000, nullable: true),
                created_at = c.Column<DateTimeOffset>(nullable: false),
                updated_at = c.Column<DateTimeOffset>(nullable: false),
            },
            constraints: t => t.PrimaryKey("pk_notification_templates", x => x.id));
        migrationBuilder.CreateIndex("ix_notification_templates_tenant_id", "notification_templates", "tenant_id", Schema);
        migrationBuilder.CreateIndex("ix_notification_templates_tenant_id_key", "notification_templates", ["tenant_id", "key"], Schema, unique: true);
    }
}
