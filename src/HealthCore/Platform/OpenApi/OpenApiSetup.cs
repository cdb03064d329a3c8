using Microsoft.AspNetCore.Authorization;
using Microsoft.OpenApi;

namespace HealthCore.Platform.OpenApi;

internal static class OpenApiSetup
{
    public const string BearerScheme = "Bearer";

    private static readonly Dictionary<string, string> Tags = new(StringComparer.Ordinal)
    {
        ["Identity"] = "Sign-in, tokens and the caller's own account.",
        ["Tenants"] = "Hospital groups (platform administrators only).",
        ["Facilities"] = "A tenant's sites with their time zones.",
        ["Users"] = "User accounts, their roles and facilities.",
        ["Configuration"] = "Tenant settings and features.",
        ["Audit"] = "The tamper-evident trail of every write and of patient reads.",
        ["Patients"] = "The patient registry: registration, search, duplicates, history.",
        ["Practitioners"] = "Practitioners with licences and department memberships.",
        ["Departments"] = "Departments and their rules over time.",
        ["Admissions"] = "Wards, beds, admissions, transfers, discharges and census.",
        ["Scheduling"] = "Schedules, free slots and availability.",
        ["Appointments"] = "Appointments and their status machine.",
        ["Waitlist"] = "Patients waiting for a place, and the offers made to them.",
        ["Shifts"] = "Department shifts and their staffing.",
        ["Notifications"] = "Email, SMS, push and in-app messages and their templates.",
        ["Operations"] = "Health and metrics of the service.",
    };

    public static IServiceCollection AddApiDocumentation(this IServiceCollection services) =>
        services.AddOpenApi(options =>
        {
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info = new OpenApiInfo
                {
                    Title = "HealthCore API",
                    Version = "v1",
                    Description = "Hospital management backend. Errors are RFC 9457 problem details.",
                };
                // Relative, so the document is right behind any host or proxy it is served from.
                document.Servers = [new OpenApiServer { Url = "/" }];
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
                document.Components.SecuritySchemes[BearerScheme] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.Http,
                    Scheme = "bearer",
                    BearerFormat = "JWT",
                    Description = "Access token from POST /api/v1/auth/login.",
                };
                document.Tags = Tags.Select(tag => new OpenApiTag { Name = tag.Key, Description = tag.Value }).ToHashSet();
                return Task.CompletedTask;
            });
            options.CreateSchemaReferenceId = SchemaNames.For;
            options.AddOperationTransformer<CommonErrorResponses>();
            options.AddOperationTransformer((operation, context, _) =>
            {
                // An explicit empty requirement says "no credentials", where leaving it out would say "not documented".
                if (context.Description.ActionDescriptor.EndpointMetadata.OfType<IAllowAnonymous>().Any())
                {
                    operation.Security = [new OpenApiSecurityRequirement()];
                }

                return Task.CompletedTask;
            });
            options.AddSchemaTransformer<ContractSchemas>();
            options.AddDocumentTransformer(ContractSchemas.RemoveNullChoicesAsync);
            options.AddDocumentTransformer(RequestExamples.ApplyAsync);
        });

    public static void MapApiDocumentation(this WebApplication app)
    {
        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        app.UseSwaggerUI(ui =>
        {
            ui.SwaggerEndpoint("/openapi/v1.json", "HealthCore API v1");
            ui.RoutePrefix = "swagger";
            ui.DocumentTitle = "HealthCore API";
        });
    }
}

internal static class RequiredQueryParameters
{
    /// <summary>
    /// Documents query parameters the handler rejects when missing (a 400 naming them) although they bind as
    /// optional, so the handler can answer with a field error instead of the framework's bare 400.
    /// </summary>
    public static RouteHandlerBuilder WithRequiredQuery(this RouteHandlerBuilder builder, params string[] names) =>
        builder.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            foreach (var parameter in operation.Parameters?.OfType<OpenApiParameter>() ?? [])
            {
                if (parameter.In == ParameterLocation.Query && names.Contains(parameter.Name, StringComparer.Ordinal))
                {
                    parameter.Required = true;
                }
            }

            return Task.CompletedTask;
        });
}
