using HealthCore.Modules.Identity.Contracts;
using HealthCore.Platform.Auditing;
using HealthCore.Platform.Http;
using HealthCore.Platform.OpenApi;

namespace HealthCore.Modules.Clinical;

internal static class ProblemEndpoints
{
    public static void MapProblems(this RouteGroupBuilder api)
    {
        var patients = api.MapGroup("/patients").WithTags("Clinical");
        patients.MapPost("/{id:guid}/problems", RecordProblem.Handle)
            .WithName("recordProblem")
            .WithSummary("Add a problem to a patient's problem list")
            .WithDescription("A FHIR Condition (category problem-list-item). `code` is an ICD-10-CM code of the catalogue (the system when only a code is sent; see searchIcd10), a code of another system with its display, or a display alone. Or `diagnosisId` promotes one of the patient's encounter diagnoses (its code, encounter, statuses, onset and note are taken over unless sent); a diagnosis is promoted once (409) and not when entered in error (409). `clinicalStatus` defaults to active, `verificationStatus` to confirmed; an `abatementAt` needs clinicalStatus inactive, remission or resolved. Accepts Idempotency-Key.")
            .WithRequestExample("""{"code":{"code":"E11.9"},"clinicalStatus":"active","onsetAt":"2019-05-01T00:00:00Z","note":"Diet controlled"}""")
            .RequirePermission(Permissions.ClinicalWrite);
        patients.MapGet("/{id:guid}/problems", ReadProblems.List)
            .WithName("listPatientProblems")
            .WithSummary("List a patient's problem list")
            .WithDescription("Every entry of the patient's problem list, entered-in-error ones included, in the order they were recorded. The read is audited.")
            .RequirePermission(Permissions.ClinicalRead).AuditRead("Patient");

        var problems = api.MapGroup("/problems").WithTags("Clinical");
        problems.MapGet("/{id:guid}", ReadProblems.Get)
            .WithName("getProblem")
            .WithSummary("Get a problem")
            .WithDescription("One entry of a problem list as it stands; its earlier states are in its history. The read is audited.")
            .RequirePermission(Permissions.ClinicalRead).AuditRead(nameof(Problem));
        problems.MapGet("/{id:guid}/history", ReadProblems.History)
            .WithName("getProblemHistory")
            .WithSummary("Get a problem's history")
            .WithDescription("Every state the problem has had, numbered from 1 (its recording), with the action, time, user and reason of each change. The read is audited.")
            .RequirePermission(Permissions.ClinicalRead).AuditRead(nameof(Problem));
        problems.MapPatch("/{id:guid}", UpdateProblem.Handle)
            .WithName("updateProblem")
            .WithSummary("Update a problem's statuses, onset, abatement or note")
            .WithDescription("A merge patch of `clinicalStatus`, `verificationStatus`, `onsetAt`, `abatementAt` and `note` (If-Match required); the code cannot change: enter the problem in error and record the right one. A problem entered in error answers 409. The previous state stays in its history.")
            .RequirePermission(Permissions.ClinicalWrite).AcceptsMergePatch<ProblemChanges>();
        problems.MapPost("/{id:guid}/entered-in-error", MarkProblemEnteredInError.Handle)
            .WithName("markProblemEnteredInError")
            .WithSummary("Mark a problem entered in error")
            .WithDescription("verificationStatus → enteredInError, with a reason; clinicalStatus becomes absent, as FHIR requires. It stays readable with its history. Honours If-Match when sent.")
            .RequirePermission(Permissions.ClinicalWrite);
    }
}
