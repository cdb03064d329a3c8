using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace HealthCore.Modules.Orders.Migrations;

[DbContext(typeof(OrdersDb))]
[Migration("202612041010_Orders_TimelineIndex")]
internal sealed class OrdersTimelineIndex : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.CreateIndex("ix_orders_patient_id_placed_at", "orders", ["patient_id", "placed_at"], OrdersDb.SchemaName);
}
