using HealthCore.Modules.Identity.Contracts;
using HealthCore.Platform.Auditing;
using HealthCore.Platform.Database;
using HealthCore.Platform.Http;
using HealthCore.Platform.Seeding;

namespace HealthCore.Modules.Admissions;

internal static class AdmissionsModule
{
    public static IServiceCollection AddAdmissions(this IServiceCollection services)
    {
        services.AddModuleDb<AdmissionsDb>();
        services.AddScoped<IAdmissionDirectory, AdmissionDirectory>();
        services.AddDemoSeeder<AdmissionsDemoSeeder>(DemoSeederOrder.Activity);
        return services;
    }

    public static RouteGroupBuilder MapAdmissions(this RouteGroupBuilder api)
    {
        var wards = api.MapGroup("/wards").WithTags("Admissions");
        wards.MapPost("/", CreateWard.Handle).RequirePermission(Permissions.BedsWrite);
        wards.MapGet("/", ListWards.Handle).RequirePermission(Permissions.AdmissionsRead);
        wards.MapGet("/{id:guid}", GetWard.Handle).RequirePermission(Permissions.AdmissionsRead);
        wards.MapPatch("/{id:guid}", UpdateWard.Handle).RequirePermission(Permissions.BedsWrite)
            .AcceptsMergePatch<CreateWardRequest>();

        var beds = api.MapGroup("/beds").WithTags("Admissions");
        beds.MapPost("/", CreateBed.Handle).RequirePermission(Permissions.BedsWrite);
        beds.MapGet("/", ListBeds.Handle).RequirePermission(Permissions.AdmissionsRead);
        beds.MapGet("/{id:guid}", GetBed.Handle).RequirePermission(Permissions.AdmissionsRead);
        beds.MapPatch("/{id:guid}", UpdateBed.Handle).RequirePermission(Permissions.BedsWrite)
            .AcceptsMergePatch<BedInput>();
        beds.MapGet("/{id:guid}/history", GetBedHistory.Handle).RequirePermission(Permissions.AdmissionsRead);
        beds.MapPost("/{id:guid}/reserve", ReserveBed.Handle).RequirePermission(Permissions.AdmissionsWrite);
        beds.MapPost("/{id:guid}/release", ChangeBedStatus.Release).RequirePermission(Permissions.AdmissionsWrite);
        beds.MapPost("/{id:guid}/assign", AssignBed.Handle).RequirePermission(Permissions.AdmissionsWrite);
        beds.MapPost("/{id:guid}/mark-clean", ChangeBedStatus.MarkClean).RequirePermission(Permissions.BedsHousekeeping);
        beds.MapPost("/{id:guid}/maintenance", ChangeBedStatus.StartMaintenance).RequirePermission(Permissions.BedsWrite);
        beds.MapPost("/{id:guid}/block", ChangeBedStatus.Block).RequirePermission(Permissions.BedsWrite);
        beds.MapPost("/{id:guid}/return-to-service", ChangeBedStatus.ReturnToService).RequirePermission(Permissions.BedsWrite);

        api.MapGet("/bed-board", GetBedBoard.Handle).WithTags("Admissions").RequirePermission(Permissions.AdmissionsRead);

        var admissions = api.MapGroup("/admissions").WithTags("Admissions");
        admissions.MapPost("/", AdmitPatient.Handle).RequirePermission(Permissions.AdmissionsWrite);
        admissions.MapGet("/", ListAdmissions.Handle).RequirePermission(Permissions.AdmissionsRead);
        admissions.MapGet("/{id:guid}", GetAdmission.Handle).RequirePermission(Permissions.AdmissionsRead).AuditRead("Admission");
        admissions.MapGet("/{id:guid}/events", GetAdmissionEvents.Handle).RequirePermission(Permissions.AdmissionsRead).AuditRead("Admission");
        admissions.MapPost("/{id:guid}/transfer", TransferPatient.Handle).RequirePermission(Permissions.AdmissionsWrite);
        admissions.MapPost("/{id:guid}/discharge", DischargePatient.Handle).RequirePermission(Permissions.AdmissionsWrite);
        admissions.MapPost("/{id:guid}/cancel", CancelAdmission.Handle).RequirePermission(Permissions.AdmissionsWrite);

        var census = api.MapGroup("/census").WithTags("Admissions");
        census.MapGet("/", GetCensus.Handle).RequirePermission(Permissions.AdmissionsRead);
        census.MapGet("/daily", GetDailyCensus.Handle).RequirePermission(Permissions.AdmissionsRead);
        return api;
    }
}
