using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace HealthCore.Modules.Admissions.Migrations;

/// <summary>
/// Admissions carry their facility so facility scoping can filter them. Existing rows take the facility of their
/// current ward, else of the ward they last occupied; pending ones never placed stay null (tenant-wide users only).
/// </summary>
[DbContext(typeof(AdmissionsDb))]
[Migration("202612030700_Admissions_FacilityOfAdmission")]
internal sealed class AdmissionsFacilityOfAdmission : Migration
{
    private const string Schema = AdmissionsDb.SchemaName;

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<Guid>(name: "facility_id", schema: Schema, table: "admissions", nullable: true);
        var prefix = migrationBuilder.IsNpgsql() ? $"{Schema}." : "";
        migrationBuilder.Sql($"""
            UPDATE {prefix}admissions SET facility_id = (
                SELECT w.facility_id FROM {prefix}bed_occupancies o JOIN {prefix}wards w ON w.id = o.ward_id
                WHERE o.admission_id = {prefix}admissions.id
                ORDER BY o.occupied_at DESC LIMIT 1)
            """);
    }

    protected override void Down(MigrationBuilder migrationBuilder) =>
        migrationBuilder.DropColumn(name: "facility_id", schema: Schema, table: "admissions");
}
