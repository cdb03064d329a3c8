using HealthCore.Modules.Admissions.Contracts;
using HealthCore.Modules.Clinical.Contracts;
using HealthCore.Modules.Identity.Contracts;
using HealthCore.Platform.Auditing;

namespace HealthCore.Modules.Clinical.Timeline;

internal static class TimelineEndpoints
{
    /// <summary>The timeline's own sources; other modules add theirs (orders, results) with services.AddScoped&lt;IPatientTimelineSource, ...&gt;().</summary>
    public static IServiceCollection AddPatientTimeline(this IServiceCollection services)
    {
        services.AddScoped<IPatientTimelineSource, AppointmentTimelineSource>();
        services.AddScoped<IPatientTimelineSource, EncounterTimelineSource>();
        foreach (var movement in Enum.GetValues<StayMovementKind>())
        {
            services.AddScoped<IPatientTimelineSource>(sp =>
                new StayTimelineSource(movement, sp.GetRequiredService<IAdmissionStays>(), sp.GetRequiredService<ClinicalDb>()));
        }

        services.AddScoped<IPatientTimelineSource, VitalsTimelineSource>();
        services.AddScoped<IPatientTimelineSource, NoteTimelineSource>();
        services.AddScoped<IPatientTimelineSource, DiagnosisTimelineSource>();
        return services;
    }

    public static RouteGroupBuilder MapPatientTimeline(this RouteGroupBuilder api)
    {
        api.MapGroup("/patients").WithTags("Clinical").MapGet("/{id:guid}/timeline", GetPatientTimeline.Handle)
            .WithName("getPatientTimeline")
            .WithSummary("Get a patient's timeline")
            .WithDescription(
                "Everything that happened to the patient across modules, newest first by occurredAt (then kind, then id), paged with a cursor: "
                + "appointments at their start (every status but waitlist offers), encounters at their start, admissions, transfers and discharges when they happened, "
                + "vitals sets when taken, notes when written and diagnoses when recorded. `kind` (repeatable or comma-separated) picks kinds; `from` (inclusive) and `to` (exclusive) bound occurredAt. "
                + "Each kind needs its own permission: appointment appointments.read; encounter encounters.read; admission, transfer and discharge admissions.read; vitals, note and diagnosis clinical.read. "
                + "Without `kind` you get the kinds you may see (a Receptionist sees appointments, encounter status and times, and hospital stays, never clinical content); asking for a kind you may not see answers 403. "
                + "Encounter titles carry the visit type only with clinical.read. Records entered in error (and the notes, vitals and diagnoses of an encounter entered in error, and the movements of a cancelled admission) are left out unless `includeEnteredInError=true`, which shows them with enteredInError true. "
                + "Facility-owned records of facilities you are not assigned to are left out. The read is audited.")
            .RequirePermission(Permissions.EncountersRead).AuditRead("Patient");
        return api;
    }
}
