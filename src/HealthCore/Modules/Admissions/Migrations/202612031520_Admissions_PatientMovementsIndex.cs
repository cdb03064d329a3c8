using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace HealthCore.Modules.Admissions.Migrations;

/// <summary>The patient timeline reads a patient's admissions, transfers and discharges a page at a time, newest first.</summary>
[DbContext(typeof(AdmissionsDb))]
[Migration("202612031520_Admissions_PatientMovementsIndex")]
internal sealed class AdmissionsPatientMovementsIndex : Migration
{
    private const string Schema = AdmissionsDb.SchemaName;

    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.CreateIndex(
            "ix_admission_events_patient_id_type_occurred_at", "admission_events", ["patient_id", "type", "occurred_at"], Schema);

    protected override void Down(MigrationBuilder migrationBuilder) =>
        migrationBuilder.DropIndex("ix_admission_events_patient_id_type_occurred_at", "admission_events", Schema);
}
