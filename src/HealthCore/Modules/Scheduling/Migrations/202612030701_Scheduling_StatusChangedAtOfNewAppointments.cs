using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace HealthCore.Modules.Scheduling.Migrations;

/// <summary>
/// Appointments booked before statusChangedAt defaulted to the creation time stored 0001-01-01 until their first
/// status change: they take their creation time, as new bookings do.
/// </summary>
[DbContext(typeof(SchedulingDb))]
[Migration("202612030701_Scheduling_StatusChangedAtOfNewAppointments")]
internal sealed class SchedulingStatusChangedAtOfNewAppointments : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        var table = migrationBuilder.IsNpgsql() ? $"{SchedulingDb.SchemaName}.appointments" : "appointments";
        migrationBuilder.Sql($"UPDATE {table} SET status_changed_at = created_at WHERE status_changed_at < created_at");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
    }
}
