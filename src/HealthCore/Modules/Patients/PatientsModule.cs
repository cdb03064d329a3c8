using HealthCore.Modules.Identity.Contracts;
using HealthCore.Modules.Patients.Contracts;
using HealthCore.Platform.Commands;
using HealthCore.Platform.Auditing;
using HealthCore.Platform.Database;
using HealthCore.Platform.Http;
using HealthCore.Platform.Http.Idempotency;
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
        services.AddScoped<IPatientDirectory, PatientDirectory>();
        services.AddScoped<IPatientContacts, PatientContacts>();
        services.AddScoped<RotateIdentifierKeys>();
        services.AddServiceCommand<RotateIdentifierKeysCommand>();
        return services;
    }

    public static RouteGroupBuilder MapPatients(this RouteGroupBuilder api)
    {
        var patients = api.MapGroup("/patients").WithTags("Patients");
        patients.MapPost("/", RegisterPatient.Handle).RequirePermission(Permissions.PatientsWrite);
        patients.MapGet("/", SearchPatients.Handle).RequirePermission(Permissions.PatientsRead);
        // A search with its criteria in the body: nothing changes, and a stored replay would keep patient data at rest.
        patients.MapPost("/match", MatchPatients.Handle).RequirePermission(Permissions.PatientsRead)
            .WithoutIdempotency("a read: changes nothing");
        patients.MapGet("/{id:guid}", GetPatient.Handle).RequirePermission(Permissions.PatientsRead).AuditRead(nameof(Patient));
        patients.MapPatch("/{id:guid}", UpdatePatient.Handle).RequirePermission(Permissions.PatientsRead)
            .AcceptsMergePatch<PatientDetails>()
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .AddOpenApiOperationTransformer(DocumentAuditReason);
        patients.MapDelete("/{id:guid}", DeactivatePatient.Handle).RequirePermission(Permissions.PatientsWrite)
            .AddOpenApiOperationTransformer(DocumentAuditReason);
        patients.MapGet("/{id:guid}/history", GetPatientHistory.Handle).RequirePermission(Permissions.PatientsRead).AuditRead(nameof(Patient));
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
