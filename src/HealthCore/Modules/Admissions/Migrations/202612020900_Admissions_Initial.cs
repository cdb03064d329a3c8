using HealthCore.Platform.Database;
using HealthCore.Platform.Events;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace HealthCore.Modules.Admissions.Migrations;

[DbContext(typeof(AdmissionsDb))]
[Migration("202612020900_Admissions_Initial")]
internal sealed class AdmissionsInitial : Migration
{
    private const string Schema = AdmissionsDb.SchemaName;

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.EnsureSchema(Schema);
        migrationBuilder.CreateOutboxTable(Schema);

        migrationBuilder.CreateTable(
            name: "wards",
            schema: Schema,
            columns: c => new
            {
                id = c.Column<Guid>(nullable: false),
                tenant_id = c.Column<Guid>(nullable: false),
                version = c.Column<int>(nullable: false),
                facility_id = c.Column<Guid>(nullable: false),
                department_id = c.Column<Guid>(nullable: true),
                name = c.Column<string>(maxLength: 200, nullable: false),
                type = c.Column<string>(maxLength: 32, nullable: false),
                capacity = c.Column<int>(nullable: false),
                bed_count = c.Column<int>(nullable: false),
                features = c.Column<string>(maxLength: 2000, nullable: false),
                gender_policy = c.Column<string>(maxLength: 32, nullable: false),
                created_at = c.Column<DateTimeOffset>(nullable: false),
            },
            constraints: t => t.PrimaryKey("pk_wards", x => x.id));
        migrationBuilder.CreateIndex("ix_wards_tenant_id", "wards", "tenant_id", Schema);
        migrationBuilder.CreateIndex("ix_wards_tenant_id_facility_id_name", "wards", ["tenant_id", "facility_id", "name"], Schema, unique: true);

        migrationBuilder.CreateTable(
            name: "beds",
            schema: Schema,
            columns: c => new
            {
                id = c.Column<Guid>(nullable: false),
                tenant_id = c.Column<Guid>(nullable: false),
                version = c.Column<int>(nullable: false),
                ward_id = c.Column<Guid>(nullable: false),
                number = c.Column<string>(maxLength: 20, nullable: false),
                type = c.Column<string>(maxLength: 32, nullable: false),
                features = c.Column<int>(nullable: false),
                status = c.Column<string>(maxLength: 32, nullable: false),
                status_reason = c.Column<string>(maxLength: 500, nullable: true),
                status_changed_at = c.Column<DateTimeOffset>(nullable: false),
                reserved_for_patient_id = c.Column<Guid>(nullable: true),
                reservation_expires_at = c.Column<DateTimeOffset>(nullable: true),
                admission_id = c.Column<Guid>(nullable: true),
                in_service_since = c.Column<DateTimeOffset>(nullable: false),
                created_at = c.Column<DateTimeOffset>(nullable: false),
            },
            constraints: t => t.PrimaryKey("pk_beds", x => x.id));
        migrationBuilder.CreateIndex("ix_beds_tenant_id", "beds", "tenant_id", Schema);
        migrationBuilder.CreateIndex("ix_beds_ward_id_number", "beds", ["ward_id", "number"], Schema, unique: true);

        migrationBuilder.CreateTable(
            name: "bed_status_changes",
            schema: Schema,
            columns: c => new
            {
                id = c.Column<Guid>(nullable: false),
                tenant_id = c.Column<Guid>(nullable: false),
                bed_id = c.Column<Guid>(nullable: false),
                ward_id = c.Column<Guid>(nullable: false),
                from_status = c.Column<string>(maxLength: 32, nullable: false),
                to_status = c.Column<string>(maxLength: 32, nullable: false),
                reason = c.Column<string>(maxLength: 500, nullable: true),
                admission_id = c.Column<Guid>(nullable: true),
                changed_at = c.Column<DateTimeOffset>(nullable: false),
                actor_id = c.Column<Guid>(nullable: true),
            },
            constraints: t => t.PrimaryKey("pk_bed_status_changes", x => x.id));
        migrationBuilder.CreateIndex("ix_bed_status_changes_tenant_id", "bed_status_changes", "tenant_id", Schema);
        migrationBuilder.CreateIndex("ix_bed_status_changes_bed_id_changed_at", "bed_status_changes", ["bed_id", "changed_at"], Schema);

        migrationBuilder.CreateTable(
            name: "admissions",
            schema: Schema,
            columns: c => new
            {
                id = c.Column<Guid>(nullable: false),
                tenant_id = c.Column<Guid>(nullable: false),
                version = c.Column<int>(nullable: false),
                patient_id = c.Column<Guid>(nullable: false),
                admitting_practitioner_id = c.Column<Guid>(nullable: false),
                attending_practitioner_id = c.Column<Guid>(nullable: true),
                department_id = c.Column<Guid>(nullable: false),
                reason = c.Column<string>(maxLength: 1000, nullable: false),
                diagnosis = c.Column<string>(maxLength: 1000, nullable: true),
                type = c.Column<string>(maxLength: 32, nullable: false),
                acuity = c.Column<string>(maxLength: 32, nullable: false),
                isolation_required = c.Column<bool>(nullable: false),
                isolation_kind = c.Column<string>(maxLength: 32, nullable: true),
                expected_discharge_date = c.Column<DateOnly>(nullable: true),
                status = c.Column<string>(maxLength: 32, nullable: false),
                bed_id = c.Column<Guid>(nullable: true),
                ward_id = c.Column<Guid>(nullable: true),
                admitted_at = c.Column<DateTimeOffset>(nullable: false),
                closed_at = c.Column<DateTimeOffset>(nullable: true),
                discharge_type = c.Column<string>(maxLength: 32, nullable: true),
                disposition = c.Column<string>(maxLength: 32, nullable: true),
                discharge_summary = c.Column<string>(maxLength: 4000, nullable: true),
                length_of_stay_days = c.Column<int>(nullable: true),
                cancel_reason = c.Column<string>(maxLength: 1000, nullable: true),
                transfer_count = c.Column<int>(nullable: false),
                last_sequence = c.Column<int>(nullable: false),
                last_movement_at = c.Column<DateTimeOffset>(nullable: false),
                created_at = c.Column<DateTimeOffset>(nullable: false),
            },
            constraints: t => t.PrimaryKey("pk_admissions", x => x.id));
        migrationBuilder.CreateIndex("ix_admissions_tenant_id", "admissions", "tenant_id", Schema);
        migrationBuilder.CreateIndex("ix_admissions_patient_id", "admissions", "patient_id", Schema);
        migrationBuilder.CreateIndex(
            "ix_admissions_open_patient_id", "admissions", "patient_id", Schema, unique: true, filter: AdmissionsDb.OpenAdmissionFilter);
        migrationBuilder.CreateIndex("ix_admissions_ward_id", "admissions", "ward_id", Schema);
        migrationBuilder.CreateIndex("ix_admissions_admitted_at", "admissions", "admitted_at", Schema);

        migrationBuilder.CreateTable(
            name: "bed_occupancies",
            schema: Schema,
            columns: c => new
            {
                id = c.Column<Guid>(nullable: false),
                tenant_id = c.Column<Guid>(nullable: false),
                bed_id = c.Column<Guid>(nullable: false),
                ward_id = c.Column<Guid>(nullable: false),
                admission_id = c.Column<Guid>(nullable: false),
                patient_id = c.Column<Guid>(nullable: false),
                occupied_at = c.Column<DateTimeOffset>(nullable: false),
                released_at = c.Column<DateTimeOffset>(nullable: true),
            },
            constraints: t => t.PrimaryKey("pk_bed_occupancies", x => x.id));
        migrationBuilder.CreateIndex("ix_bed_occupancies_tenant_id", "bed_occupancies", "tenant_id", Schema);
        foreach (var column in new[] { "bed_id", "admission_id", "patient_id" })
        {
            migrationBuilder.CreateIndex(
                $"ix_bed_occupancies_open_{column}", "bed_occupancies", column, Schema, unique: true, filter: AdmissionsDb.OpenOccupancyFilter);
        }

        migrationBuilder.CreateTable(
            name: "admission_events",
            schema: Schema,
            columns: c => new
            {
                id = c.Column<Guid>(nullable: false),
                tenant_id = c.Column<Guid>(nullable: false),
                admission_id = c.Column<Guid>(nullable: false),
                sequence = c.Column<int>(nullable: false),
                type = c.Column<string>(maxLength: 32, nullable: false),
                occurred_at = c.Column<DateTimeOffset>(nullable: false),
                recorded_at = c.Column<DateTimeOffset>(nullable: false),
                actor_id = c.Column<Guid>(nullable: true),
                patient_id = c.Column<Guid>(nullable: false),
                bed_id = c.Column<Guid>(nullable: true),
                ward_id = c.Column<Guid>(nullable: true),
                department_id = c.Column<Guid>(nullable: true),
                from_bed_id = c.Column<Guid>(nullable: true),
                from_ward_id = c.Column<Guid>(nullable: true),
                from_department_id = c.Column<Guid>(nullable: true),
                bed_status_from = c.Column<string>(maxLength: 32, nullable: true),
                bed_status_to = c.Column<string>(maxLength: 32, nullable: true),
                reason = c.Column<string>(maxLength: 1000, nullable: true),
                details = c.Column<string>(maxLength: 8000, nullable: true),
            },
            constraints: t => t.PrimaryKey("pk_admission_events", x => x.id));
        migrationBuilder.CreateIndex("ix_admission_events_tenant_id", "admission_events", "tenant_id", Schema);
        migrationBuilder.CreateIndex(
            "ix_admission_events_admission_id_sequence", "admission_events", ["admission_id", "sequence"], Schema, unique: true);

        // The event stream is the history census and transfers are answered from: append-only for the application.
        migrationBuilder.MakeAppendOnly(Schema, "admission_events", "reject_admission_event_change", "admission events");
    }
}
