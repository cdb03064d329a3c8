using HealthCore.Modules.Identity.Contracts;
using HealthCore.Platform.Auditing;
using HealthCore.Platform.OpenApi;

namespace HealthCore.Modules.Clinical;

internal static class AssessmentsEndpoints
{
    private const string Example =
        """{"formKey":"radiology.preprocedure","formVersion":1,"answers":{"contrastAllergy":true,"contrastReaction":"Hives after iodinated contrast, 2019","egfr":52,"egfrMeasuredOn":"2026-11-28","pregnancyStatus":"notApplicable","implants":["jointProsthesis"],"implantDetails":"Left hip replacement, 2021"},"authoredAt":"2026-12-03T08:30:00Z"}""";

    private const string CorrectionExample =
        """{"answers":{"contrastAllergy":false,"pregnancyStatus":"notApplicable","implants":["none"]}}""";

    private const string Validated =
        "Answers are validated against that version of the form (see getAssessmentForm): each broken rule answers 400 naming its field as `answers.{field}` (or `answers.{field}[index]`); the scores the form computes (e.g. braden, morse and must with their bands) are stored with the answers.";

    public static RouteGroupBuilder MapAssessments(this RouteGroupBuilder api)
    {
        var forms = api.MapGroup("/assessment-forms").WithTags("Clinical");
        forms.MapGet("/", ReadAssessmentForms.List)
            .WithName("listAssessmentForms")
            .WithSummary("List assessment forms")
            .WithDescription("Every version of every structured assessment form (FHIR Questionnaire) with its title; `current` marks the version a new assessment is made with when it names none. Published versions never change.")
            .RequirePermission(Permissions.ClinicalRead);
        forms.MapGet("/{key}/versions/{version:int}", ReadAssessmentForms.Get)
            .WithName("getAssessmentForm")
            .WithSummary("Get an assessment form at a version")
            .WithDescription("The form's items (FHIR Questionnaire items): answer type, whether required, allowed codes with their score points, ranges and units, and the scores it computes with their bands.")
            .RequirePermission(Permissions.ClinicalRead);

        var encounters = api.MapGroup("/encounters").WithTags("Clinical");
        encounters.MapPost("/{id:guid}/assessments", RecordAssessment.Handle)
            .WithName("recordAssessment")
            .WithSummary("Record an assessment in an encounter")
            .WithDescription($"A structured assessment (FHIR QuestionnaireResponse) of the encounter's patient with `formKey` at `formVersion` (default: the current version; an unknown form or version answers 400 naming formKey or formVersion). {Validated} A cancelled encounter or one entered in error answers 409. Accepts Idempotency-Key.")
            .WithRequestExample(Example)
            .RequirePermission(Permissions.AssessmentsWrite);
        encounters.MapGet("/{id:guid}/assessments", ReadAssessments.ForEncounter)
            .WithName("listEncounterAssessments")
            .WithSummary("List an encounter's assessments")
            .WithDescription("The encounter's assessments in every status, in the order they were recorded, paged with a cursor; `formKey` keeps one form's. The read is audited.")
            .RequirePermission(Permissions.ClinicalRead).AuditRead(nameof(Encounter));

        var patients = api.MapGroup("/patients").WithTags("Clinical");
        patients.MapGet("/{id:guid}/assessments", ReadAssessments.ForPatient)
            .WithName("listPatientAssessments")
            .WithSummary("List a patient's assessments")
            .WithDescription("The patient's assessments of every encounter you may see, in every status, in the order they were recorded, paged with a cursor; `formKey` keeps one form's. The read is audited.")
            .RequirePermission(Permissions.ClinicalRead).AuditRead("Patient");

        var assessments = api.MapGroup("/assessments").WithTags("Clinical");
        assessments.MapGet("/{id:guid}", ReadAssessments.Get)
            .WithName("getAssessment")
            .WithSummary("Get an assessment")
            .WithDescription("One assessment with its answers, the form version they were validated against and its scores, whatever its status. The read is audited.")
            .RequirePermission(Permissions.ClinicalRead).AuditRead(nameof(Assessment));
        assessments.MapPost("/{id:guid}/correct", CorrectAssessment.Handle)
            .WithName("correctAssessment")
            .WithSummary("Correct an assessment")
            .WithDescription($"Records the whole corrected set of answers as a new assessment of the same encounter and form version (`authoredAt` defaults to the original's), pointing at the original with `replaces`; the original becomes superseded, keeps its answers and stays readable. {Validated} Only a completed assessment can be corrected, once (else 409); a cancelled encounter or one entered in error answers 409. Honours If-Match (the corrected assessment's ETag) when sent. Accepts Idempotency-Key.")
            .WithRequestExample(CorrectionExample)
            .RequirePermission(Permissions.AssessmentsWrite);
        assessments.MapPost("/{id:guid}/entered-in-error", MarkAssessmentEnteredInError.Handle)
            .WithName("markAssessmentEnteredInError")
            .WithSummary("Mark an assessment entered in error")
            .WithDescription("completed → enteredInError, with a reason: the assessment should never have been recorded (e.g. the wrong patient). It keeps its answers and stays readable. Honours If-Match when sent.")
            .RequirePermission(Permissions.AssessmentsWrite);
        return api;
    }
}
