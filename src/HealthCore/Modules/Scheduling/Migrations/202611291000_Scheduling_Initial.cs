using HealthCore.Platform.Events;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace HealthCore.Modules.Scheduling.Migrations;

[DbContext(typeof(SchedulingDb))]
[Migration("202611291000_Scheduling_Initial")]
internal sealed class SchedulingInitial : Migration
{
    private const string Schema = SchedulingDb.SchemaName;

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.EnsureSchema(Schema);
        migrationBuilder.CreateOutboxTable(Schema);

        migrationBuilder.CreateTable(
            name: "schedules",
            schema: Schema,
            columns: c => new
            {
                id = c.Column<Guid>(nullable: false),
                tenant_id = c.Column<Guid>(nullable: false),
                version = c.Column<int>(nullable: false),
                practitioner_id = c.Column<Guid>(nullable: true),
                modality = c.Column<string>(maxLength: 50, nullable: true),
                department_id = c.Column<Guid>(nullable: false),
                resource_key = c.Column<string>(maxLength: 100, nullable: false),
                location = c.Column<string>(maxLength: 200, nullable: true),
                day_mask = c.Column<int>(nullable: false),
                start_time = c.Column<TimeOnly>(nullable: false),
                end_time = c.Column<TimeOnly>(nullable: false),
                slot_minutes = c.Column<int>(nullable: false),
                capacity = c.Column<int>(nullable: false),
                effective_from = c.Column<DateOnly>(nullable: false),
                effective_to = c.Column<DateOnly>(nullable: true),
                time_zone = c.Column<string>(maxLength: 64, nullable: false),
                created_at = c.Column<DateTimeOffset>(nullable: false),
            },
            constraints: t => t.PrimaryKey("pk_schedules", x => x.id));
        migrationBuilder.CreateIndex("ix_schedules_tenant_id", "schedules", "tenant_id", Schema);
        migrationBuilder.CreateIndex("ix_schedules_resource_key", "schedules", "resource_key", Schema);
        migrationBuilder.CreateIndex("ix_schedules_department_id", "schedules", "department_id", Schema);

        migrationBuilder.CreateTable(
            name: "schedule_blocks",
            schema: Schema,
            columns: c => new
            {
                id = c.Column<Guid>(nullable: false),
                tenant_id = c.Column<Guid>(nullable: false),
                schedule_id = c.Column<Guid>(nullable: false),
                from_date = c.Column<DateOnly>(nullable: false),
                to_date = c.Column<DateOnly>(nullable: false),
                reason = c.Column<string>(maxLength: 500, nullable: false),
                created_by = c.Column<Guid>(nullable: true),
                created_at = c.Column<DateTimeOffset>(nullable: false),
            },
            constraints: t => t.PrimaryKey("pk_schedule_blocks", x => x.id));
        migrationBuilder.CreateIndex("ix_schedule_blocks_tenant_id", "schedule_blocks", "tenant_id", Schema);
        migrationBuilder.CreateIndex("ix_schedule_blocks_schedule_id", "schedule_blocks", "schedule_id", Schema);

        migrationBuilder.CreateTable(
            name: "appointments",
            schema: Schema,
            columns: c => new
            {
                id = c.Column<Guid>(nullable: false),
                tenant_id = c.Column<Guid>(nullable: false),
                version = c.Column<int>(nullable: false),
                patient_id = c.Column<Guid>(nullable: false),
                schedule_id = c.Column<Guid>(nullable: false),
                practitioner_id = c.Column<Guid>(nullable: true),
                modality = c.Column<string>(maxLength: 50, nullable: true),
                department_id = c.Column<Guid>(nullable: false),
                resource_key = c.Column<string>(maxLength: 100, nullable: false),
                starts_at = c.Column<DateTimeOffset>(nullable: false),
                ends_at = c.Column<DateTimeOffset>(nullable: false),
                type = c.Column<string>(maxLength: 30, nullable: false),
                status = c.Column<string>(maxLength: 30, nullable: false),
                reason = c.Column<string>(maxLength: 500, nullable: true),
                notes = c.Column<string>(maxLength: 4000, nullable: true),
                exam_type = c.Column<string>(maxLength: 50, nullable: true),
                preparation_instructions = c.Column<string>(maxLength: 4000, nullable: true),
                overbooked = c.Column<bool>(nullable: false),
                cancellation_reason = c.Column<string>(maxLength: 500, nullable: true),
                waitlist_entry_id = c.Column<Guid>(nullable: true),
                offer_expires_at = c.Column<DateTimeOffset>(nullable: true),
                created_at = c.Column<DateTimeOffset>(nullable: false),
                created_by = c.Column<Guid>(nullable: true),
                status_changed_at = c.Column<DateTimeOffset>(nullable: false),
            },
            constraints: t => t.PrimaryKey("pk_appointments", x => x.id));
        migrationBuilder.CreateIndex("ix_appointments_tenant_id", "appointments", "tenant_id", Schema);
        migrationBuilder.CreateIndex("ix_appointments_resource_key_starts_at", "appointments", ["resource_key", "starts_at"], Schema);
        migrationBuilder.CreateIndex("ix_appointments_patient_id_starts_at", "appointments", ["patient_id", "starts_at"], Schema);
        migrationBuilder.CreateIndex("ix_appointments_department_id_starts_at", "appointments", ["department_id", "starts_at"], Schema);
        migrationBuilder.CreateIndex("ix_appointments_status_starts_at", "appointments", ["status", "starts_at"], Schema);

        migrationBuilder.CreateTable(
            name: "appointment_reschedules",
            schema: Schema,
            columns: c => new
            {
                id = c.Column<Guid>(nullable: false),
                tenant_id = c.Column<Guid>(nullable: false),
                appointment_id = c.Column<Guid>(nullable: false),
                from_starts_at = c.Column<DateTimeOffset>(nullable: false),
                from_ends_at = c.Column<DateTimeOffset>(nullable: false),
                to_starts_at = c.Column<DateTimeOffset>(nullable: false),
                to_ends_at = c.Column<DateTimeOffset>(nullable: false),
                reason = c.Column<string>(maxLength: 500, nullable: false),
                actor_id = c.Column<Guid>(nullable: true),
                rescheduled_at = c.Column<DateTimeOffset>(nullable: false),
            },
            constraints: t => t.PrimaryKey("pk_appointment_reschedules", x => x.id));
        migrationBuilder.CreateIndex("ix_appointment_reschedules_tenant_id", "appointment_reschedules", "tenant_id", Schema);
        migrationBuilder.CreateIndex("ix_appointment_reschedules_appointment_id", "appointment_reschedules", "appointment_id", Schema);

        migrationBuilder.CreateTable(
            name: "slot_usage",
            schema: Schema,
            columns: c => new
            {
                tenant_id = c.Column<Guid>(nullable: false),
                resource_key = c.Column<string>(maxLength: 100, nullable: false),
                starts_at = c.Column<DateTimeOffset>(nullable: false),
                booked = c.Column<int>(nullable: false),
                capacity = c.Column<int>(nullable: false),
            },
            constraints: t => t.PrimaryKey("pk_slot_usage", x => new { x.tenant_id, x.resource_key, x.starts_at }));
        migrationBuilder.CreateIndex("ix_slot_usage_tenant_id", "slot_usage", "tenant_id", Schema);

        migrationBuilder.CreateTable(
            name: "appointment_reminders",
            schema: Schema,
            columns: c => new
            {
                appointment_id = c.Column<Guid>(nullable: false),
                kind = c.Column<string>(maxLength: 30, nullable: false),
                starts_at = c.Column<DateTimeOffset>(nullable: false),
                tenant_id = c.Column<Guid>(nullable: false),
                queued_at = c.Column<DateTimeOffset>(nullable: false),
                requested_by = c.Column<Guid>(nullable: true),
            },
            constraints: t => t.PrimaryKey("pk_appointment_reminders", x => new { x.appointment_id, x.kind, x.starts_at }));
        migrationBuilder.CreateIndex("ix_appointment_reminders_tenant_id", "appointment_reminders", "tenant_id", Schema);

        migrationBuilder.CreateTable(
            name: "waitlist_entries",
            schema: Schema,
            columns: c => new
            {
                id = c.Column<Guid>(nullable: false),
                tenant_id = c.Column<Guid>(nullable: false),
                version = c.Column<int>(nullable: false),
                patient_id = c.Column<Guid>(nullable: false),
                practitioner_id = c.Column<Guid>(nullable: true),
                department_id = c.Column<Guid>(nullable: true),
                window_from = c.Column<DateTimeOffset>(nullable: false),
                window_to = c.Column<DateTimeOffset>(nullable: false),
                priority = c.Column<int>(nullable: false),
                type = c.Column<string>(maxLength: 30, nullable: true),
                reason = c.Column<string>(maxLength: 500, nullable: true),
                status = c.Column<string>(maxLength: 30, nullable: false),
                offered_appointment_id = c.Column<Guid>(nullable: true),
                created_at = c.Column<DateTimeOffset>(nullable: false),
                status_changed_at = c.Column<DateTimeOffset>(nullable: false),
            },
            constraints: t => t.PrimaryKey("pk_waitlist_entries", x => x.id));
        migrationBuilder.CreateIndex("ix_waitlist_entries_tenant_id", "waitlist_entries", "tenant_id", Schema);
        migrationBuilder.CreateIndex("ix_waitlist_entries_status_created_at", "waitlist_entries", ["status", "created_at"], Schema);
        migrationBuilder.CreateIndex("ix_waitlist_entries_patient_id", "waitlist_entries", "patient_id", Schema);

        migrationBuilder.CreateTable(
            name: "shifts",
            schema: Schema,
            columns: c => new
            {
                id = c.Column<Guid>(nullable: false),
                tenant_id = c.Column<Guid>(nullable: false),
                version = c.Column<int>(nullable: false),
                department_id = c.Column<Guid>(nullable: false),
                role = c.Column<string>(maxLength: 50, nullable: false),
                starts_at = c.Column<DateTimeOffset>(nullable: false),
                ends_at = c.Column<DateTimeOffset>(nullable: false),
                required_headcount = c.Column<int>(nullable: false),
                created_at = c.Column<DateTimeOffset>(nullable: false),
            },
            constraints: t => t.PrimaryKey("pk_shifts", x => x.id));
        migrationBuilder.CreateIndex("ix_shifts_tenant_id", "shifts", "tenant_id", Schema);
        migrationBuilder.CreateIndex("ix_shifts_department_id_starts_at", "shifts", ["department_id", "starts_at"], Schema);

        migrationBuilder.CreateTable(
            name: "shift_assignments",
            schema: Schema,
            columns: c => new
            {
                id = c.Column<Guid>(nullable: false),
                tenant_id = c.Column<Guid>(nullable: false),
                shift_id = c.Column<Guid>(nullable: false),
                practitioner_id = c.Column<Guid>(nullable: false),
                starts_at = c.Column<DateTimeOffset>(nullable: false),
                ends_at = c.Column<DateTimeOffset>(nullable: false),
                assigned_at = c.Column<DateTimeOffset>(nullable: false),
            },
            constraints: t => t.PrimaryKey("pk_shift_assignments", x => x.id));
        migrationBuilder.CreateIndex("ix_shift_assignments_tenant_id", "shift_assignments", "tenant_id", Schema);
        migrationBuilder.CreateIndex(
            "ix_shift_assignments_shift_id_practitioner_id", "shift_assignments", ["shift_id", "practitioner_id"], Schema, unique: true);
        migrationBuilder.CreateIndex(
            "ix_shift_assignments_practitioner_id_starts_at", "shift_assignments", ["practitioner_id", "starts_at"], Schema);
    }
}
