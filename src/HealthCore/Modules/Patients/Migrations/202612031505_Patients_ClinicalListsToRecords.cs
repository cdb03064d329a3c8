using HealthCore.Modules.Patients.Contracts;
using HealthCore.Platform.Events;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace HealthCore.Modules.Patients.Migrations;

/// <summary>
/// The embedded allergies and conditions lists leave the patient record: each patient that has any publishes them,
/// once, as <see cref="PatientClinicalListsRetired"/> in this module's outbox, in the same transaction that drops the
/// columns, and the Clinical module records them as allergies and problems when it receives the event. Through the
/// outbox rather than by copying into the clinical tables: modules migrate one after the other (Patients before
/// Clinical, whose tables would not exist yet) and neither reads or writes the other's schema.
/// </summary>
[DbContext(typeof(PatientsDb))]
[Migration("202612031505_Patients_ClinicalListsToRecords")]
internal sealed class PatientsClinicalListsToRecords : Migration
{
    private const string Schema = PatientsDb.SchemaName;

    private static readonly string EventType = EventTypeName.Of(typeof(PatientClinicalListsRetired));

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        var outbox = OutboxMessage.TableName(Schema);
        if (migrationBuilder.IsNpgsql())
        {
            migrationBuilder.Sql($"""
                INSERT INTO {Schema}.{outbox} (id, type, payload, tenant_id, occurred_at, next_attempt_at, attempts)
                SELECT gen_random_uuid(), '{EventType}',
                       json_build_object('patientId', p.id, 'allergies', p.allergies::json, 'conditions', p.conditions::json)::text,
                       p.tenant_id, now(), now(), 0
                FROM {Schema}.patients p
                WHERE p.allergies <> '[]' OR p.conditions <> '[]';
                ALTER TABLE {Schema}.patients DROP COLUMN allergies;
                ALTER TABLE {Schema}.patients DROP COLUMN conditions;
                """);
        }
        else
        {
            // Guids as EF Core stores them on SQLite (upper-case text), instants in the fixed-width form of InstantStorage.
            migrationBuilder.Sql($"""
                INSERT INTO {outbox} (id, type, payload, tenant_id, occurred_at, next_attempt_at, attempts)
                SELECT upper(substr(r, 1, 8) || '-' || substr(r, 9, 4) || '-4' || substr(r, 14, 3) || '-8' || substr(r, 18, 3) || '-' || substr(r, 21, 12)),
                       '{EventType}',
                       json_object('patientId', id, 'allergies', json(allergies), 'conditions', json(conditions)),
                       tenant_id, now, now, 0
                FROM (SELECT p.*, hex(randomblob(16)) AS r, strftime('%Y-%m-%dT%H:%M:%f0000Z', 'now') AS now FROM patients p)
                WHERE allergies <> '[]' OR conditions <> '[]';
                ALTER TABLE patients DROP COLUMN allergies;
                ALTER TABLE patients DROP COLUMN conditions;
                """);
        }
    }
}
