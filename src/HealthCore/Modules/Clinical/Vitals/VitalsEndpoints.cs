using HealthCore.Modules.Identity.Contracts;
using HealthCore.Platform.Auditing;
using HealthCore.Platform.OpenApi;

namespace HealthCore.Modules.Clinical;

internal static class VitalsEndpoints
{
    private const string Example =
        """{"temperature":38.4,"heartRate":112,"respiratoryRate":22,"systolicBloodPressure":104,"diastolicBloodPressure":68,"oxygenSaturation":94,"onSupplementalOxygen":false,"consciousness":"alert","painScore":3,"height":172.0,"weight":70.5,"effectiveAt":"2026-12-03T08:30:00Z"}""";

    private const string Recorded =
        "Values out of what is physiologically possible answer 400 naming the field; values outside the normal range are accepted and flagged (interpretation). BMI is derived from height and weight; NEWS2 (sub-scores, aggregate and risk band) is computed, and a high band or a 3 in one parameter raises an alert to the encounter's attending practitioners. Accepts Idempotency-Key.";

    public static RouteGroupBuilder MapVitals(this RouteGroupBuilder api)
    {
        var patients = api.MapGroup("/patients").WithTags("Clinical");
        patients.MapPost("/{id:guid}/vitals", RecordVitals.ForPatient)
            .WithName("recordPatientVitals")
            .WithSummary("Record a patient's vitals")
            .WithDescription($"A vitals set of a patient of this tenant, optionally in one of the patient's encounters that has not ended (else 409). Outside an encounter the set belongs to `facilityId`, where it was taken: an active facility you may act in, which defaults to yours when you are assigned to exactly one and must be named otherwise (400). {Recorded}")
            .WithRequestExample(Example)
            .RequirePermission(Permissions.VitalsWrite);
        patients.MapGet("/{id:guid}/vitals", ListVitals.ForPatient)
            .WithName("listPatientVitals")
            .WithSummary("List a patient's vitals")
            .WithDescription("The patient's vitals sets in every status, newest first, paged with a cursor; `from` (inclusive) and `to` (exclusive) bound when they were taken. The read is audited.")
            .RequirePermission(Permissions.ClinicalRead).AuditRead("Patient");

        var encounters = api.MapGroup("/encounters").WithTags("Clinical");
        encounters.MapPost("/{id:guid}/vitals", RecordVitals.ForEncounter)
            .WithName("recordEncounterVitals")
            .WithSummary("Record vitals in an encounter")
            .WithDescription($"A vitals set of the encounter's patient; a completed, cancelled or entered-in-error encounter answers 409. {Recorded}")
            .WithRequestExample(Example)
            .RequirePermission(Permissions.VitalsWrite);
        encounters.MapGet("/{id:guid}/vitals", ListVitals.ForEncounter)
            .WithName("listEncounterVitals")
            .WithSummary("List an encounter's vitals")
            .WithDescription("The encounter's vitals sets in every status, newest first, paged with a cursor; `from` (inclusive) and `to` (exclusive) bound when they were taken. The read is audited.")
            .RequirePermission(Permissions.ClinicalRead).AuditRead(nameof(Encounter));

        var vitals = api.MapGroup("/vitals").WithTags("Clinical");
        vitals.MapGet("/{id:guid}", GetVitals.Handle)
            .WithName("getVitals")
            .WithSummary("Get a vitals set")
            .WithDescription("One vitals set with its readings, flags and NEWS2, whatever its status. The read is audited.")
            .RequirePermission(Permissions.ClinicalRead).AuditRead(nameof(VitalsObservation));
        vitals.MapPost("/{id:guid}/correct", CorrectVitals.Handle)
            .WithName("correctVitals")
            .WithSummary("Correct a vitals set")
            .WithDescription("Records the corrected set (same patient and encounter, `effectiveAt` defaults to the original's) pointing at the original with `replaces`; the original becomes superseded, keeps its values and stays readable. Only a final set can be corrected (else 409), even after its encounter ended.")
            .WithRequestExample(Example)
            .RequirePermission(Permissions.VitalsWrite);
        vitals.MapPost("/{id:guid}/entered-in-error", MarkVitalsEnteredInError.Handle)
            .WithName("markVitalsEnteredInError")
            .WithSummary("Mark a vitals set entered in error")
            .WithDescription("final → enteredInError, with a reason: the set should never have been recorded (e.g. the wrong patient). It keeps its values and stays readable. Honours If-Match when sent.")
            .RequirePermission(Permissions.VitalsWrite);
        return api;
    }
}
