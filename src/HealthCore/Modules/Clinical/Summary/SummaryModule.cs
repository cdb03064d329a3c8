using HealthCore.Modules.Identity.Contracts;
using HealthCore.Platform.OpenApi;

namespace HealthCore.Modules.Clinical.Summary;

internal static class SummaryModule
{
    public static IServiceCollection AddEncounterSummary(this IServiceCollection services)
    {
        services.AddScoped<ClinicalSummaries>();
        services.AddScoped<IEncounterSummaryPart, VitalsSummaryPart>();
        services.AddScoped<IEncounterSummaryPart, DiagnosesSummaryPart>();
        services.AddScoped<IEncounterSummaryPart, NotesSummaryPart>();
        return services;
    }

    public static RouteGroupBuilder MapEncounterSummary(this RouteGroupBuilder api)
    {
        api.MapGroup("/encounters").WithTags("Clinical notes")
            .MapPost("/{id:guid}/discharge-summary", CreateDischargeSummary.Handle)
            .WithName("createDischargeSummary")
            .WithSummary("Generate a draft discharge summary")
            .WithDescription("A draft note of type dischargeSummary, authored by you, with sections generated from the encounter: reason for visit, admission and discharge times (inpatient encounters), diagnoses (primary first, ICD-10-CM code and display; refuted and entered-in-error ones left out), vitals trend (first, last, min and max of each sign with its unit, and the last NEWS2), hospital course (its signed notes, or a placeholder when there are none) and follow-up when `followUp` is given. Edit and sign it through the note endpoints. An encounter has one discharge summary: while it has one, draft or signed, this answers 409 with its `noteId`. Needs notes.write.medical; a cancelled or entered-in-error encounter answers 409. Accepts Idempotency-Key.")
            .WithRequestExample("""{"followUp":"Cardiology clinic in 6 weeks; repeat ECG before the visit."}""")
            .RequirePermission(Permissions.NotesWrite);
        return api;
    }
}
