using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace HealthCore.Modules.Clinical.Migrations;

[DbContext(typeof(ClinicalDb))]
[Migration("202612031300_Clinical_Vitals")]
internal sealed class ClinicalVitals : Migration
{
    private const string Schema = ClinicalDb.SchemaName;
    private const int Precision = VitalsObservationConfiguration.ValuePrecision;
    private const int Scale = VitalsObservationConfiguration.ValueScale;

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "vitals_observations",
            schema: Schema,
            columns: c => new
            {
                id = c.Column<Guid>(nullable: false),
                tenant_id = c.Column<Guid>(nullable: false),
                version = c.Column<int>(nullable: false),
                patient_id = c.Column<Guid>(nullable: false),
                encounter_id = c.Column<Guid>(nullable: true),
                facility_id = c.Column<Guid>(nullable: true),
                effective_at = c.Column<DateTimeOffset>(nullable: false),
                recorded_at = c.Column<DateTimeOffset>(nullable: false),
                performer_id = c.Column<Guid>(nullable: true),
                status = c.Column<string>(maxLength: 32, nullable: false),
                replaces = c.Column<Guid>(nullable: true),
                superseded_by = c.Column<Guid>(nullable: true),
                temperature = c.Column<decimal>(precision: Precision, scale: Scale, nullable: true),
                heart_rate = c.Column<decimal>(precision: Precision, scale: Scale, nullable: true),
                respiratory_rate = c.Column<decimal>(precision: Precision, scale: Scale, nullable: true),
                systolic_blood_pressure = c.Column<decimal>(precision: Precision, scale: Scale, nullable: true),
                diastolic_blood_pressure = c.Column<decimal>(precision: Precision, scale: Scale, nullable: true),
                oxygen_saturation = c.Column<decimal>(precision: Precision, scale: Scale, nullable: true),
                on_supplemental_oxygen = c.Column<bool>(nullable: true),
                sp_o2_scale = c.Column<string>(maxLength: 32, nullable: false),
                consciousness = c.Column<string>(maxLength: 32, nullable: true),
                pain_score = c.Column<decimal>(precision: Precision, scale: Scale, nullable: true),
                height = c.Column<decimal>(precision: Precision, scale: Scale, nullable: true),
                weight = c.Column<decimal>(precision: Precision, scale: Scale, nullable: true),
                bmi = c.Column<decimal>(precision: Precision, scale: Scale, nullable: true),
                blood_glucose = c.Column<decimal>(precision: Precision, scale: Scale, nullable: true),
                interpretations = c.Column<string>(maxLength: VitalsObservationConfiguration.JsonLength, nullable: false),
                news2_sub_scores = c.Column<string>(maxLength: VitalsObservationConfiguration.JsonLength, nullable: false),
                news2_aggregate = c.Column<int>(nullable: true),
                news2_risk = c.Column<string>(maxLength: 32, nullable: true),
                entered_in_error_reason = c.Column<string>(maxLength: ClinicalDb.ReasonLength, nullable: true),
                entered_in_error_at = c.Column<DateTimeOffset>(nullable: true),
                entered_in_error_by = c.Column<Guid>(nullable: true),
            },
            constraints: t => t.PrimaryKey("pk_vitals_observations", x => x.id));
        migrationBuilder.CreateIndex("ix_vitals_observations_tenant_id", "vitals_observations", "tenant_id", Schema);
        migrationBuilder.CreateIndex("ix_vitals_observations_patient_id_effective_at", "vitals_observations", ["patient_id", "effective_at"], Schema);
        migrationBuilder.CreateIndex("ix_vitals_observations_encounter_id_effective_at", "vitals_observations", ["encounter_id", "effective_at"], Schema);

        // A set is corrected once: two racing corrections of the same set cannot both supersede it.
        migrationBuilder.CreateIndex("ix_vitals_observations_tenant_id_replaces", "vitals_observations", ["tenant_id", "replaces"], Schema, unique: true);
    }
}
