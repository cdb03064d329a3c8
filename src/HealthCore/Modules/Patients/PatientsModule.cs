using HealthCore.Modules.Identity.Contracts;
using HealthCore.Modules.Patients.Contracts;
using HealthCore.Modules.Patients.Demo;
using HealthCore.Platform.Auditing;
using HealthCore.Platform.Commands;
using HealthCore.Platform.Database;
using HealthCore.Platform.Http.Idempotency;
using HealthCore.Platform.Http;
using HealthCore.Platform.Seeding;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace HealthCore.Modules.Patients;

internal static class PatientsModule
{
    public static IServiceCollection AddPatients(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddModuleDb<PatientsDb>();
        services.AddDemoSeeder<PatientsDemoSeeder>(DemoSeederOrder.Patients);
        services.AddOptions<PatientsOptions>()
            .Bind(configuration.GetSection(PatientsOptions.Section))
            .Validate<IHostEnvironment, IConfiguration>(
                (options, environment, config) => options.Problem(environment, config) is null,
                "Patients:IdentifierKeys (and Secrets:PatientIdentifierIndex in Production) must be configured: see README")
            .ValidateOnStart();
        services.AddSingleton<IdentifierProtector>();
        services.AddSingleton<MrnGenerator>();
        services.AddSingleton<KnownNames>();
        services.AddScoped<IPatientDirectory, PatientDirectory>();
        services.AddScoped<IPatientContacts, PatientContacts>();
        services.AddScoped<RotateIdentifierKeys>();
        services.AddServiceCommand<RotateIdentifierKeysCommand>();
        return services;
    }

    public static RouteGroupBuilder MapPatients(this RouteGroupBuilder api)
    {
        var patients = api.MapGroup("/patients").WithTags("Patients");
        patients.MapPost("/", RegisterPatient.Handle)
            .WithName("registerPatient")
            .WithSummary("Register a patient")
            .WithDescription("Registers a patient and assigns an MRN. A probable duplicate answers 409 with scored candidates unless the body says `confirmNotDuplicate: true`. Accepts Idempotency-Key.")
            .RequirePermission(Permissions.PatientsWrite);
        patients.MapGet("/", SearchPatients.Handle)
            .WithName("searchPatients")
            .WithSummary("Search patients")
            .WithDescription("Finds patients by name (typo tolerant), birth date, phone, MRN or identifier (`system|value`), paged with a cursor. Inactive patients only with includeInactive=true.")
            .RequirePermission(Permissions.PatientsRead);
        // A search with its criteria in the body: nothing changes, and a stored replay would keep patient data at rest.
        patients.MapPost("/match", MatchPatients.Handle)
            .WithName("matchPatients")
            .WithSummary("Find possible duplicates")
            .WithDescription("The duplicate check of a registration, without registering: scored candidates, best first.")
            .RequirePermission(Permissions.PatientsRead).WithoutIdempotency("a read: changes nothing");
        patients.MapGet("/{id:guid}", GetPatient.Handle)
            .WithName("getPatient")
            .WithSummary("Get a patient")
            .WithDescription("One patient record; clinical fields and protected identifiers appear only for callers allowed to see them. The read is audited.")
            .RequirePermission(Permissions.PatientsRead).AuditRead(nameof(Patient));
        patients.MapPatch("/{id:guid}", UpdatePatient.Handle)
            .WithName("updatePatient")
            .WithSummary("Update a patient")
            .WithDescription("A JSON merge patch over the patient details (If-Match required); every array is replaced whole.")
            .RequirePermission(Permissions.PatientsRead)
            .AcceptsMergePatch<PatientDetails>()
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .AddOpenApiOperationTransformer(DocumentAuditReason);
        patients.MapDelete("/{id:guid}", DeactivatePatient.Handle)
            .WithName("deactivatePatient")
            .WithSummary("Deactivate a patient")
            .WithDescription("A soft delete: the record stays (it is referenced by clinical history and the audit trail), leaves search unless includeInactive=true, and keeps its MRN. The reason (?reason= or X-Audit-Reason) is required and audited. If-Match is honoured when sent.")
            .RequirePermission(Permissions.PatientsWrite)
            .AddOpenApiOperationTransformer(DocumentAuditReason);
        patients.MapGet("/{id:guid}/history", GetPatientHistory.Handle)
            .WithName("getPatientHistory")
            .WithSummary("Get a patient's history")
            .WithDescription("This patient's slice of the audit trail (writes and reads), newest first. Callers without clinical.read see that clinical fields changed, not their values.")
            .RequirePermission(Permissions.PatientsRead).AuditRead(nameof(Patient));
        return api;
    }

    private static Task DocumentAuditReason(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        operation.Parameters ??= [];
        operation.Parameters.Add(new OpenApiParameter
        {
            Name = PatientRules.AuditReasonHeader,
            In = ParameterLocation.Header,
            Required = false,
            Description = "Why the change is made; stored with the audit record of the change (e.g. \"corrected a misspelt name\").",
            Schema = new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = AuditRecord.MaxReasonLength },
        });
        return Task.CompletedTask;
    }
}
