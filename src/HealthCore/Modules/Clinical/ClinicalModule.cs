using HealthCore.Modules.Admissions.Contracts;
using HealthCore.Modules.Clinical.Contracts;
using HealthCore.Modules.Clinical.Demo;
using HealthCore.Modules.Clinical.Notes;
using HealthCore.Modules.Clinical.Timeline;
using HealthCore.Modules.Clinical.Summary;
using HealthCore.Modules.Identity.Contracts;
using HealthCore.Modules.Patients.Contracts;
using HealthCore.Modules.Scheduling.Contracts;
using HealthCore.Platform.Auditing;
using HealthCore.Platform.Database;
using HealthCore.Platform.Events;
using HealthCore.Platform.OpenApi;
using HealthCore.Platform.Seeding;

namespace HealthCore.Modules.Clinical;

internal static class ClinicalModule
{
    public static IServiceCollection AddClinical(this IServiceCollection services)
    {
        services.AddModuleDb<ClinicalDb>();
        services.AddScoped<EncounterChanges>();
        services.AddScoped<IEncounterDirectory, EncounterDirectory>();
        services.AddScoped<CloseGate>();
        services.AddScoped<IEncounterCloseRequirement, AttenderRequirement>();
        services.AddSingleton(sp => Icd10CatalogFactory.Create(sp.GetRequiredService<IConfiguration>()));
        services.AddScoped<IEncounterCloseRequirement, DiagnosisRequirement>();
        services.AddScoped<IEncounterCloseRequirement, SignedNoteRequirement>();
        services.AddScoped<IEncounterCloseRequirement, VitalsRequirement>();
        services.AddScoped<VitalsRecorder>();
        services.AddScoped<NoteDrafts>();
        services.AddEncounterSummary();
        services.AddSingleton(FormCatalog.Shipped);
        services.AddScoped<AssessmentRecorder>();
        services.AddScoped<IEncounterCloseRequirement, NursingAdmissionRequirement>();
        services.AddScoped<IPatientClinicalSummary, ClinicalSummaryReader>();
        services.AddIntegrationEventHandler<PatientClinicalListsRetired, ClinicalListsFromPatientRecords>();
        services.AddIntegrationEventHandler<News2AlertRaised, NotifyNews2Alert>();
        services.AddIntegrationEventHandler<AppointmentCheckedIn, OpenEncounterOnCheckIn>();
        services.AddIntegrationEventHandler<PatientAdmitted, OpenEncounterOnAdmission>();
        services.AddIntegrationEventHandler<PatientDischarged, EndEncounterWithAdmission>();
        services.AddIntegrationEventHandler<AdmissionCancelled, EndEncounterWithAdmission>();
        services.AddPatientTimeline();
        services.AddScoped<EncounterRecordsDemo>();
        services.AddDemoSeeder<ClinicalDemoSeeder>(DemoSeederOrder.Activity + 50);
        services.AddDemoSeeder<ClinicalListsDemoSeeder>(DemoSeederOrder.Patients + 50);
        return services;
    }

    public static RouteGroupBuilder MapClinical(this RouteGroupBuilder api)
    {
        var encounters = api.MapGroup("/encounters").WithTags("Clinical");
        encounters.MapPost("/", CreateEncounter.Handle)
            .WithName("createEncounter")
            .WithSummary("Open an encounter")
            .WithDescription("A visit of an active patient to a department of a facility you may act in, opened planned (with plannedStartAt) or arrived (arrivedAt defaults to now). One encounter per appointment and per admission: a second answers 409 naming the first. Checked-in appointments and admissions open theirs on their own. Accepts Idempotency-Key.")
            .WithRequestExample("""{"patientId":"0195a0b2-0000-7000-8000-000000000010","class":"ambulatory","departmentId":"0195a0b2-0000-7000-8000-000000000001","type":{"text":"Cardiology follow-up"},"reason":{"text":"Palpitations","codes":[{"system":"http://snomed.info/sct","code":"80313002","display":"Palpitations"}]},"priority":"routine","participants":[{"practitionerId":"0195a0b2-0000-7000-8000-000000000002","role":"attender"}],"status":"arrived"}""")
            .RequirePermission(Permissions.EncountersWrite);
        encounters.MapGet("/", ListEncounters.Handle)
            .WithName("listEncounters")
            .WithSummary("List encounters")
            .WithDescription("Status and logistics of the encounters of the facilities you may see (no clinical content), oldest first, paged with a cursor. `practitionerId` matches any participant; `from` (inclusive) and `to` (exclusive) bound the start of the visit, or its planned start while it has not begun.")
            .RequirePermission(Permissions.EncountersRead);
        encounters.MapGet("/{id:guid}", GetEncounter.Handle)
            .WithName("getEncounter")
            .WithSummary("Get an encounter")
            .WithDescription("One encounter with its participants and status history. `clinical` (type and reason), the reasons in the history and `summary` are shown only with clinical.read, and null otherwise. `summary` is what the encounter recorded: the count of its standing vitals sets and the latest one (values, NEWS2 aggregate and band, when taken), its diagnoses but those entered in error (primary first), and its notes without their bodies (type, title, state of the current version, author, when last signed). The read is audited.")
            .RequirePermission(Permissions.EncountersRead).AuditRead(nameof(Encounter));
        encounters.MapPost("/{id:guid}/arrive", ChangeEncounterStatus.Arrive)
            .WithName("arriveEncounter")
            .WithSummary("Record the patient's arrival")
            .WithDescription("planned → arrived (check-in); the period starts now. Any other status answers 409 with currentStatus. Honours If-Match when sent.")
            .RequirePermission(Permissions.EncountersCheckIn);
        encounters.MapPost("/{id:guid}/triage", ChangeEncounterStatus.Triage)
            .WithName("triageEncounter")
            .WithSummary("Record triage")
            .WithDescription("arrived → triaged. Any other status answers 409 with currentStatus. Honours If-Match when sent.")
            .RequirePermission(Permissions.EncountersWrite);
        encounters.MapPost("/{id:guid}/start-consultation", ChangeEncounterStatus.StartConsultation)
            .WithName("startEncounterConsultation")
            .WithSummary("Start the consultation")
            .WithDescription("arrived or triaged → inConsultation (FHIR in-progress). Any other status answers 409 with currentStatus. Honours If-Match when sent.")
            .RequirePermission(Permissions.EncountersWrite);
        encounters.MapPost("/{id:guid}/close", CloseEncounter.Handle)
            .WithName("closeEncounter")
            .WithSummary("Close an encounter")
            .WithDescription($"inConsultation → completed; the period ends now. The department's rule `{CloseGate.RequiresRule}` (a JSON array such as [\"diagnosis\",\"vitals\",\"note.signed\"]) is checked and every unmet requirement is listed in a 422; a requirement nothing records yet counts as unmet. With `override: {{reason}}` a Doctor closes anyway where the department's `{CloseGate.AllowOverrideRule}` is true; the override is audited. Honours If-Match when sent.")
            .RequirePermission(Permissions.EncountersClose);
        encounters.MapPost("/{id:guid}/cancel", ChangeEncounterStatus.Cancel)
            .WithName("cancelEncounter")
            .WithSummary("Cancel an encounter")
            .WithDescription("planned, arrived or triaged → cancelled, with a reason: the visit ended before its consultation began. Any other status answers 409 with currentStatus. Honours If-Match when sent.")
            .RequirePermission(Permissions.EncountersWrite);
        encounters.MapPost("/{id:guid}/entered-in-error", ChangeEncounterStatus.MarkEnteredInError)
            .WithName("markEncounterEnteredInError")
            .WithSummary("Mark an encounter entered in error")
            .WithDescription("Any status but enteredInError → enteredInError, with a reason: the encounter should never have existed. It stays readable. Honours If-Match when sent.")
            .RequirePermission(Permissions.EncountersWrite);
        api.MapDiagnoses();
        api.MapNotes();
        api.MapAllergies();
        api.MapProblems();
        api.MapPatientTimeline();
        api.MapEncounterSummary();
        api.MapVitals();
        return api.MapAssessments();
    }
}
