using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace HealthCore.Modules.Identity.Migrations;

[DbContext(typeof(IdentityDb))]
[Migration("202611291010_Identity_FacilityDetails")]
internal sealed class IdentityFacilityDetails : Migration
{
    private const string Schema = IdentityDb.SchemaName;

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<string>(name: "address", table: "facilities", schema: Schema, maxLength: 500, nullable: true);
        migrationBuilder.AddColumn<string>(name: "phone", table: "facilities", schema: Schema, maxLength: 50, nullable: true);

        // Existing facilities become active sites in UTC; the defaults stay for them, inserts always set both.
        migrationBuilder.AddColumn<string>(
            name: "time_zone", table: "facilities", schema: Schema, maxLength: 64, nullable: false, defaultValue: "UTC");
        migrationBuilder.AddColumn<bool>(name: "active", table: "facilities", schema: Schema, nullable: false, defaultValue: true);
    }
}
