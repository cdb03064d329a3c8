using HealthCore.Modules.Identity.Contracts;
using HealthCore.Modules.Practitioners.Contracts;
using HealthCore.Platform.Database;
using HealthCore.Platform.Http;
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
        departments.MapPost("/", CreateDepartment.Handle).RequirePermission(Permissions.DepartmentsWrite);
        departments.MapGet("/", ListDepartments.Handle).RequirePermission(Permissions.PractitionersRead);
        departments.MapGet("/{id:guid}", GetDepartment.Handle).RequirePermission(Permissions.PractitionersRead);
        departments.MapPatch("/{id:guid}", UpdateDepartment.Handle).RequirePermission(Permissions.DepartmentsWrite)
            .AcceptsMergePatch<DepartmentInput>();
        departments.MapGet("/{id:guid}/rules", GetDepartmentRules.InEffect).RequirePermission(Permissions.PractitionersRead);
        departments.MapGet("/{id:guid}/rules/{key}", GetDepartmentRules.Timeline).RequirePermission(Permissions.PractitionersRead);
        departments.MapPut("/{id:guid}/rules/{key}", PutDepartmentRule.Handle).RequirePermission(Permissions.DepartmentsWrite);

        var practitioners = api.MapGroup("/practitioners").WithTags("Practitioners");
        practitioners.MapPost("/", CreatePractitioner.Handle).RequirePermission(Permissions.PractitionersWrite);
        practitioners.MapGet("/", ListPractitioners.Handle).RequirePermission(Permissions.PractitionersRead);
        practitioners.MapGet("/{id:guid}", GetPractitioner.Handle).RequirePermission(Permissions.PractitionersRead);
        practitioners.MapPatch("/{id:guid}", UpdatePractitioner.Handle).RequirePermission(Permissions.PractitionersWrite)
            .AcceptsMergePatch<PractitionerInput>();
        return api;
    }
}
