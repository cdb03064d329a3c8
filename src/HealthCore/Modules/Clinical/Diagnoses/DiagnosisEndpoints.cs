using HealthCore.Modules.Identity.Contracts;
using HealthCore.Platform.Auditing;
using HealthCore.Platform.Http;
using HealthCore.Platform.OpenApi;

namespace HealthCore.Modules.Clinical;

internal static class DiagnosisEndpoints
{
    public static void MapDiagnoses(this RouteGroupBuilder api)
    {
        api.MapGet("/terminology/icd10", SearchIcd10.Handle)
            .WithTags("Clinical")
            .WithName("searchIcd10")
            .WithSummary("Search ICD-10-CM codes")
            .WithDescription($"Codes diagnoses can be recorded with, for autocomplete: `q` is a code or its beginning (E11, e119) or words that begin words of the description (\"pneum unsp\"). The exact code comes first, then codes starting with `q`, then description matches, best first. `limit` defaults to {SearchIcd10.DefaultLimit} and is capped at {SearchIcd10.MaxLimit}.")
            .RequirePermission(Permissions.ClinicalRead);

        var encounters = api.MapGroup("/encounters").WithTags("Clinical");
        encounters.MapPost("/{id:guid}/diagnoses", RecordDiagnosis.Handle)
            .WithName("recordDiagnosis")
            .WithSummary("Record a diagnosis of an encounter")
            .WithDescription("A FHIR Condition (category encounter-diagnosis) coded in ICD-10-CM: `code` must be in the catalogue (see searchIcd10), whose description becomes `display`. `rank` defaults to secondary, `clinicalStatus` to active, `verificationStatus` to confirmed. An encounter has at most one primary diagnosis that is neither refuted nor entered in error: a second answers 409. A cancelled encounter or one entered in error answers 409. Accepts Idempotency-Key.")
            .WithRequestExample("""{"code":"E11.9","rank":"primary","clinicalStatus":"active","verificationStatus":"confirmed","onsetAt":"2026-11-01T00:00:00Z","note":"HbA1c 8.1%"}""")
            .RequirePermission(Permissions.DiagnosesWrite);
        encounters.MapGet("/{id:guid}/diagnoses", ListDiagnoses.Handle)
            .WithName("listEncounterDiagnoses")
            .WithSummary("List an encounter's diagnoses")
            .WithDescription("Every diagnosis of the encounter, entered-in-error ones included, primary first. The read is audited.")
            .RequirePermission(Permissions.ClinicalRead).AuditRead(nameof(Encounter));

        var diagnoses = api.MapGroup("/diagnoses").WithTags("Clinical");
        diagnoses.MapGet("/{id:guid}", GetDiagnosis.Handle)
            .WithName("getDiagnosis")
            .WithSummary("Get a diagnosis")
            .WithDescription("One diagnosis as it stands; its changes are in the audit trail. The read is audited.")
            .RequirePermission(Permissions.ClinicalRead).AuditRead(nameof(Diagnosis));
        diagnoses.MapPatch("/{id:guid}", UpdateDiagnosis.Handle)
            .WithName("updateDiagnosis")
            .WithSummary("Update a diagnosis's rank or statuses")
            .WithDescription("Changes `rank`, `clinicalStatus` and `verificationStatus` (If-Match required); the code cannot change: enter the diagnosis in error and record the right one. Making it primary while another primary stands answers 409; a diagnosis entered in error answers 409.")
            .RequirePermission(Permissions.DiagnosesWrite).AcceptsMergePatch<DiagnosisStatusInput>();
        diagnoses.MapPost("/{id:guid}/entered-in-error", MarkDiagnosisEnteredInError.Handle)
            .WithName("markDiagnosisEnteredInError")
            .WithSummary("Mark a diagnosis entered in error")
            .WithDescription("verificationStatus → enteredInError, with a reason: the diagnosis should never have been recorded. It stays readable and no longer counts as the encounter's primary diagnosis. Honours If-Match when sent.")
            .RequirePermission(Permissions.DiagnosesWrite);
    }
}
