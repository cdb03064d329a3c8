using HealthCore.Modules.Identity.Contracts;
using HealthCore.Modules.Practitioners.Contracts;
using HealthCore.Modules.Practitioners.Demo;
using HealthCore.Platform.Database;
using HealthCore.Platform.Http;
using HealthCore.Platform.OpenApi;
using HealthCore.Platform.Seeding;

namespace HealthCore.Modules.Practitioners;

internal static class PractitionersModule
{
    public static IServiceCollection AddPractitioners(this IServiceCollection services)
    {
        services.AddModuleDb<PractitionersDb>();
        services.AddDemoSeeder<PractitionersDemoSeeder>(DemoSeederOrder.Staff);
        services.AddScoped<IPractitionerDirectory, PractitionerDirectory>();
        services.AddScoped<IDepartmentRules, DepartmentRulesReader>();
        return services;
    }

    public static RouteGroupBuilder MapPractitioners(this RouteGroupBuilder api)
    {
        var departments = api.MapGroup("/departments").WithTags("Departments");
        departments.MapPost("/", CreateDepartment.Handle)
            .WithName("createDepartment")
            .WithSummary("Create a department")
            .WithDescription("A department of the tenant with its type and facility. Accepts Idempotency-Key.")
            .RequirePermission(Permissions.DepartmentsWrite);
        departments.MapGet("/", ListDepartments.Handle)
            .WithName("listDepartments")
            .WithSummary("List departments")
            .WithDescription("The tenant's departments, filtered by facility, type, capability, name and active, paged with a cursor.")
            .RequirePermission(Permissions.PractitionersRead);
        departments.MapGet("/{id:guid}", GetDepartment.Handle)
            .WithName("getDepartment")
            .WithSummary("Get a department")
            .WithDescription("One department of the tenant.")
            .RequirePermission(Permissions.PractitionersRead);
        departments.MapPatch("/{id:guid}", UpdateDepartment.Handle)
            .WithName("updateDepartment")
            .WithSummary("Update a department")
            .WithDescription("A JSON merge patch over the department (If-Match required).")
            .RequirePermission(Permissions.DepartmentsWrite)
            .AcceptsMergePatch<DepartmentInput>();
        departments.MapGet("/{id:guid}/rules", GetDepartmentRules.InEffect)
            .WithName("getDepartmentRules")
            .WithSummary("Get a department's rules in effect")
            .WithDescription("The rules in effect at ?at= (default now).")
            .RequirePermission(Permissions.PractitionersRead);
        departments.MapGet("/{id:guid}/rules/{key}", GetDepartmentRules.Timeline)
            .WithName("getDepartmentRuleTimeline")
            .WithSummary("Get a rule's timeline")
            .WithDescription("Every version of the key's value with the period it is in effect, oldest first.")
            .RequirePermission(Permissions.PractitionersRead);
        departments.MapPut("/{id:guid}/rules/{key}", PutDepartmentRule.Handle)
            .WithName("putDepartmentRule")
            .WithSummary("Set a department rule")
            .WithDescription("Sets the key's value for the period and answers the key's whole timeline: see RuleTimelineChange for what happens to versions the period overlaps. Repeating the same PUT changes nothing.")
            .RequirePermission(Permissions.DepartmentsWrite);

        var practitioners = api.MapGroup("/practitioners").WithTags("Practitioners");
        practitioners.MapPost("/", CreatePractitioner.Handle)
            .WithName("createPractitioner")
            .WithSummary("Create a practitioner")
            .WithDescription("A practitioner with name, role, contact details, licences and department memberships. Accepts Idempotency-Key.")
            .WithRequestExample("""{"name":{"family":"Okafor","given":["Chidi"],"prefix":["Dr."]},"role":"physician"}""")
            .RequirePermission(Permissions.PractitionersWrite);
        practitioners.MapGet("/", ListPractitioners.Handle)
            .WithName("listPractitioners")
            .WithSummary("List practitioners")
            .WithDescription("The tenant's practitioners, filtered by name, role, department, specialty and active, paged with a cursor.")
            .RequirePermission(Permissions.PractitionersRead);
        practitioners.MapGet("/{id:guid}", GetPractitioner.Handle)
            .WithName("getPractitioner")
            .WithSummary("Get a practitioner")
            .WithDescription("One practitioner of the tenant.")
            .RequirePermission(Permissions.PractitionersRead);
        practitioners.MapPatch("/{id:guid}", UpdatePractitioner.Handle)
            .WithName("updatePractitioner")
            .WithSummary("Update a practitioner")
            .WithDescription("A JSON merge patch over the practitioner document; `departments`, like every array, is replaced whole.")
            .RequirePermission(Permissions.PractitionersWrite)
            .AcceptsMergePatch<PractitionerInput>();
        return api;
    }
}
