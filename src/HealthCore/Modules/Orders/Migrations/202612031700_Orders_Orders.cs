using HealthCore.Platform.Events;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace HealthCore.Modules.Orders.Migrations;

[DbContext(typeof(OrdersDb))]
[Migration("202612031700_Orders_Orders")]
internal sealed class OrdersOrders : Migration
{
    private const string Schema = OrdersDb.SchemaName;

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.EnsureSchema(Schema);
        migrationBuilder.CreateOutboxTable(Schema);

        migrationBuilder.CreateTable(
            name: "orders",
            schema: Schema,
            columns: c => new
            {
                id = c.Column<Guid>(nullable: false),
                tenant_id = c.Column<Guid>(nullable: false),
                version = c.Column<int>(nullable: false),
                patient_id = c.Column<Guid>(nullable: false),
                encounter_id = c.Column<Guid>(nullable: false),
                facility_id = c.Column<Guid>(nullable: false),
                category = c.Column<string>(maxLength: 32, nullable: false),
                requester_id = c.Column<Guid>(nullable: false),
                entered_by = c.Column<Guid>(nullable: true),
                performer_department_id = c.Column<Guid>(nullable: true),
                performer_practitioner_id = c.Column<Guid>(nullable: true),
                priority = c.Column<string>(maxLength: 32, nullable: false),
                reason = c.Column<string>(maxLength: Order.TextLength, nullable: true),
                note = c.Column<string>(maxLength: Order.TextLength, nullable: true),
                specimen_requirements = c.Column<string>(maxLength: Order.TextLength, nullable: true),
                occurrence_at = c.Column<DateTimeOffset>(nullable: true),
                appointment_id = c.Column<Guid>(nullable: true),
                referral_letter_note_id = c.Column<Guid>(nullable: true),
                status = c.Column<string>(maxLength: 32, nullable: false),
                status_reason = c.Column<string>(maxLength: Order.ReasonLength, nullable: true),
                status_changed_at = c.Column<DateTimeOffset>(nullable: false),
                authored_on = c.Column<DateTimeOffset>(nullable: false),
                placed_at = c.Column<DateTimeOffset>(nullable: true),
                placed_by = c.Column<Guid>(nullable: true),
                referral_decision = c.Column<string>(maxLength: 32, nullable: true),
                referral_decided_at = c.Column<DateTimeOffset>(nullable: true),
                referral_decided_by = c.Column<Guid>(nullable: true),
                updated_at = c.Column<DateTimeOffset>(nullable: false),
            },
            constraints: t => t.PrimaryKey("pk_orders", x => x.id));
        migrationBuilder.CreateIndex("ix_orders_tenant_id", "orders", "tenant_id", Schema);
        migrationBuilder.CreateIndex("ix_orders_patient_id_status", "orders", ["patient_id", "status"], Schema);
        migrationBuilder.CreateIndex("ix_orders_encounter_id", "orders", "encounter_id", Schema);
        migrationBuilder.CreateIndex("ix_orders_performer_department_id", "orders", "performer_department_id", Schema);

        migrationBuilder.CreateTable(
            name: "order_items",
            schema: Schema,
            columns: c => new
            {
                id = c.Column<Guid>(nullable: false),
                tenant_id = c.Column<Guid>(nullable: false),
                order_id = c.Column<Guid>(nullable: false),
                sequence = c.Column<int>(nullable: false),
                system = c.Column<string>(maxLength: 200, nullable: false),
                code = c.Column<string>(maxLength: OrderItem.CodeLength, nullable: false),
                display = c.Column<string>(maxLength: 500, nullable: true),
                status = c.Column<string>(maxLength: 32, nullable: false),
                status_changed_at = c.Column<DateTimeOffset>(nullable: false),
                status_reason = c.Column<string>(maxLength: Order.ReasonLength, nullable: true),
            },
            constraints: t =>
            {
                t.PrimaryKey("pk_order_items", x => x.id);
                t.ForeignKey("fk_order_items_orders_order_id", x => x.order_id, "orders", "id", Schema, onDelete: ReferentialAction.Restrict);
            });
        migrationBuilder.CreateIndex("ix_order_items_tenant_id", "order_items", "tenant_id", Schema);
        migrationBuilder.CreateIndex("ix_order_items_order_id_sequence", "order_items", ["order_id", "sequence"], Schema, unique: true);
        migrationBuilder.CreateIndex("ix_order_items_code", "order_items", "code", Schema);
    }
}
