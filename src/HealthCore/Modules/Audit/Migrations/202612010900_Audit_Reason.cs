using HealthCore.Platform.Auditing;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace HealthCore.Modules.Audit.Migrations;

[DbContext(typeof(AuditDb))]
[Migration("202612010900_Audit_Reason")]
internal sealed class AuditReason : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.AddColumn<string>(
            name: "reason", table: "audit_records", schema: AuditRecord.Schema, maxLength: AuditRecord.MaxReasonLength, nullable: true);
}
