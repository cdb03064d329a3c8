using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace HealthCore.Modules.Clinical.Migrations;

/// <summary>The patient timeline pages each kind by (patient, occurred time), newest first, without reading the patient's whole history.</summary>
[DbContext(typeof(ClinicalDb))]
[Migration("202612031520_Clinical_TimelineIndexes")]
internal sealed class ClinicalTimelineIndexes : Migration
{
    private const string Schema = ClinicalDb.SchemaName;

    private static readonly (string Name, string Table, string[] Columns)[] Indexes =
    [
        ("ix_encounters_patient_id_starts_at", "encounters", ["patient_id", "starts_at"]),
        ("ix_notes_patient_id_created_at", "notes", ["patient_id", "created_at"]),
        ("ix_diagnoses_patient_id_recorded_at", "diagnoses", ["patient_id", "recorded_at"]),
    ];

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        foreach (var (name, table, columns) in Indexes)
        {
            migrationBuilder.CreateIndex(name, table, columns, Schema);
        }
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        foreach (var (name, table, _) in Indexes)
        {
            migrationBuilder.DropIndex(name, table, Schema);
        }
    }
}
