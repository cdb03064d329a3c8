using HealthCore.Modules.Identity.Contracts;
using HealthCore.Platform.Auditing;
using HealthCore.Platform.Http;
using HealthCore.Platform.OpenApi;

namespace HealthCore.Modules.Clinical;

internal static class AllergyEndpoints
{
    public static void MapAllergies(this RouteGroupBuilder api)
    {
        var patients = api.MapGroup("/patients").WithTags("Clinical");
        patients.MapPost("/{id:guid}/allergies", RecordAllergy.Handle)
            .WithName("recordAllergy")
            .WithSummary("Record an allergy or intolerance of a patient")
            .WithDescription("A FHIR AllergyIntolerance: `substance` coded (system, code and display: SNOMED CT, RxNorm, UNII...) or named by `display` only; `clinicalStatus` defaults to active, `verificationStatus` to unconfirmed. \"No known allergies\" is the substance SNOMED CT 716186003, without reactions, criticality, category or type; it cannot stand beside an active allergy (409). A second active allergy to the same coded substance answers 409. `encounterId` must be an encounter of the patient. Accepts Idempotency-Key.")
            .WithRequestExample("""{"substance":{"system":"http://www.nlm.nih.gov/research/umls/rxnorm","code":"7980","display":"Penicillin G"},"type":"allergy","category":"medication","criticality":"high","verificationStatus":"confirmed","reactions":[{"manifestation":{"system":"http://snomed.info/sct","code":"39579001","display":"Anaphylaxis"},"severity":"severe"}]}""")
            .RequirePermission(Permissions.ClinicalWrite);
        patients.MapGet("/{id:guid}/allergies", ReadAllergies.List)
            .WithName("listPatientAllergies")
            .WithSummary("List a patient's allergies")
            .WithDescription("Every allergy and intolerance of the patient, entered-in-error ones included, in the order they were recorded. The read is audited.")
            .RequirePermission(Permissions.ClinicalRead).AuditRead("Patient");

        var allergies = api.MapGroup("/allergies").WithTags("Clinical");
        allergies.MapGet("/{id:guid}", ReadAllergies.Get)
            .WithName("getAllergy")
            .WithSummary("Get an allergy")
            .WithDescription("One allergy as it stands; its earlier states are in its history. The read is audited.")
            .RequirePermission(Permissions.ClinicalRead).AuditRead(nameof(AllergyIntolerance));
        allergies.MapGet("/{id:guid}/history", ReadAllergies.History)
            .WithName("getAllergyHistory")
            .WithSummary("Get an allergy's history")
            .WithDescription("Every state the allergy has had, numbered from 1 (its recording), with the action, time, user and reason of each change. The read is audited.")
            .RequirePermission(Permissions.ClinicalRead).AuditRead(nameof(AllergyIntolerance));
        allergies.MapPatch("/{id:guid}", UpdateAllergy.Handle)
            .WithName("updateAllergy")
            .WithSummary("Update an allergy's statuses, criticality, reactions or note")
            .WithDescription("A merge patch of `clinicalStatus`, `verificationStatus`, `criticality`, `reactions` (replaced whole) and `note` (If-Match required); the substance cannot change: enter the allergy in error and record the right one. Making it active beside another active allergy to the same substance answers 409; an allergy entered in error answers 409. The previous state stays in its history.")
            .RequirePermission(Permissions.ClinicalWrite).AcceptsMergePatch<AllergyChanges>();
        allergies.MapPost("/{id:guid}/entered-in-error", MarkAllergyEnteredInError.Handle)
            .WithName("markAllergyEnteredInError")
            .WithSummary("Mark an allergy entered in error")
            .WithDescription("verificationStatus → enteredInError, with a reason; clinicalStatus becomes absent, as FHIR requires. It stays readable with its history. Honours If-Match when sent.")
            .RequirePermission(Permissions.ClinicalWrite);
    }
}
