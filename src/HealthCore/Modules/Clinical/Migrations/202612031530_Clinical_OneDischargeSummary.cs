using HealthCore.Modules.Clinical.Notes;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace HealthCore.Modules.Clinical.Migrations;

[DbContext(typeof(ClinicalDb))]
[Migration("202612031530_Clinical_OneDischargeSummary")]
internal sealed class ClinicalOneDischargeSummary : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) =>
        // One discharge summary per encounter, decided by the database so that two doctors generating it at once cannot both write one.
        migrationBuilder.CreateIndex(
            "ix_notes_one_per_encounter_encounter_id", "notes", "encounter_id", ClinicalDb.SchemaName, unique: true, filter: NoteTypes.OnePerEncounterFilter);
}
