using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace HealthCore.Modules.Orders.Migrations;

[DbContext(typeof(OrdersDb))]
[Migration("202612031710_Orders_PanelMembers")]
internal sealed class OrdersPanelMembers : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.AddColumn<string>("panel_members", "order_items", schema: OrdersDb.SchemaName, maxLength: Order.TextLength, nullable: true);
}
