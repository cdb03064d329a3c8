using HealthCore.Modules.Admissions.Contracts;
using HealthCore.Modules.Admissions.Demo;
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
        services.AddScoped<IAdmissionStays, AdmissionStays>();
        services.AddDemoSeeder<AdmissionsDemoSeeder>(DemoSeederOrder.Activity);
        return services;
    }

    public static RouteGroupBuilder MapAdmissions(this RouteGroupBuilder api)
    {
        var wards = api.MapGroup("/wards").WithTags("Admissions");
        wards.MapPost("/", CreateWard.Handle)
            .WithName("createWard")
            .WithSummary("Create a ward")
            .WithDescription("A ward of an active facility of the tenant, with its type, gender policy, isolation and capacity. Accepts Idempotency-Key.")
            .RequirePermission(Permissions.BedsWrite);
        wards.MapGet("/", ListWards.Handle)
            .WithName("listWards")
            .WithSummary("List wards")
            .WithDescription("The tenant's wards, filtered by facility and type, paged with a cursor.")
            .RequirePermission(Permissions.AdmissionsRead);
        wards.MapGet("/{id:guid}", GetWard.Handle)
            .WithName("getWard")
            .WithSummary("Get a ward")
            .WithDescription("One ward of the tenant; 404 if there is none with this id. The ETag header is the version to send in If-Match.")
            .RequirePermission(Permissions.AdmissionsRead);
        wards.MapPatch("/{id:guid}", UpdateWard.Handle)
            .WithName("updateWard")
            .WithSummary("Update a ward")
            .WithDescription("Partially updates a ward (If-Match required). A ward cannot become single-sex while it holds a patient the new policy excludes, nor shrink below its beds (409).")
            .RequirePermission(Permissions.BedsWrite).AcceptsMergePatch<CreateWardRequest>();

        var beds = api.MapGroup("/beds").WithTags("Admissions");
        beds.MapPost("/", CreateBed.Handle)
            .WithName("createBed")
            .WithSummary("Create a bed")
            .WithDescription("A bed in a ward of the tenant, with its type and features; `inServiceSince` may date it in the past for loading existing wards. Accepts Idempotency-Key.")
            .RequirePermission(Permissions.BedsWrite);
        beds.MapGet("/", ListBeds.Handle)
            .WithName("listBeds")
            .WithSummary("List beds")
            .WithDescription("Beds by ward, type, status and feature; `available=true` is `status=available`. Status is the bed's status now: a reservation past its expiry counts as available.")
            .RequirePermission(Permissions.AdmissionsRead);
        beds.MapGet("/{id:guid}", GetBed.Handle)
            .WithName("getBed")
            .WithSummary("Get a bed")
            .WithDescription("One bed with its status now (a reservation past its expiry counts as available).")
            .RequirePermission(Permissions.AdmissionsRead);
        beds.MapPatch("/{id:guid}", UpdateBed.Handle)
            .WithName("updateBed")
            .WithSummary("Update a bed")
            .WithDescription("Partially updates a bed's details (If-Match required); its status changes only through the status endpoints.")
            .RequirePermission(Permissions.BedsWrite).AcceptsMergePatch<BedInput>();
        beds.MapGet("/{id:guid}/history", GetBedHistory.Handle)
            .WithName("getBedHistory")
            .WithSummary("Get a bed's status history")
            .WithDescription("The bed's status changes, latest first (an expired reservation's release is dated at its expiry).")
            .RequirePermission(Permissions.AdmissionsRead);
        beds.MapPost("/{id:guid}/reserve", ReserveBed.Handle)
            .WithName("reserveBed")
            .WithSummary("Reserve a bed")
            .WithDescription("Holds an available bed for a patient until `expiresAt` (within 7 days); after that the bed counts as available again. 409 from any other status.")
            .RequirePermission(Permissions.AdmissionsWrite);
        beds.MapPost("/{id:guid}/release", ChangeBedStatus.Release)
            .WithName("releaseBed")
            .WithSummary("Release a reservation")
            .WithDescription("Returns a reserved bed to available. 409 from any other status.")
            .RequirePermission(Permissions.AdmissionsWrite);
        beds.MapPost("/{id:guid}/assign", AssignBed.Handle)
            .WithName("assignBed")
            .WithSummary("Assign a bed to a pending admission")
            .WithDescription("Gives a pending admission (admitted while waiting for a bed) this bed.")
            .RequirePermission(Permissions.AdmissionsWrite);
        beds.MapPost("/{id:guid}/mark-clean", ChangeBedStatus.MarkClean)
            .WithName("markBedClean")
            .WithSummary("Mark a bed clean")
            .WithDescription("Moves a bed from cleaning to available (housekeeping). 409 from any other status.")
            .RequirePermission(Permissions.BedsHousekeeping);
        beds.MapPost("/{id:guid}/maintenance", ChangeBedStatus.StartMaintenance)
            .WithName("startBedMaintenance")
            .WithSummary("Take a bed into maintenance")
            .WithDescription("Moves an available or cleaning bed to maintenance; a reason is required.")
            .RequirePermission(Permissions.BedsWrite);
        beds.MapPost("/{id:guid}/block", ChangeBedStatus.Block)
            .WithName("blockBed")
            .WithSummary("Block a bed")
            .WithDescription("Moves an available, cleaning or maintenance bed to blocked; a reason is required.")
            .RequirePermission(Permissions.BedsWrite);
        beds.MapPost("/{id:guid}/return-to-service", ChangeBedStatus.ReturnToService)
            .WithName("returnBedToService")
            .WithSummary("Return a bed to service")
            .WithDescription("Moves a bed from maintenance or blocked back to available.")
            .RequirePermission(Permissions.BedsWrite);

        api.MapGet("/bed-board", GetBedBoard.Handle)
            .WithName("getBedBoard")
            .WithSummary("Get the bed board")
            .WithDescription("Every ward's beds by status and type as they stand now (an expired reservation counts as available), with the patients in them and their days in hospital (midnights of the ward's facility).")
            .WithTags("Admissions").RequirePermission(Permissions.AdmissionsRead);

        var admissions = api.MapGroup("/admissions").WithTags("Admissions");
        admissions.MapPost("/", AdmitPatient.Handle)
            .WithName("admitPatient")
            .WithSummary("Admit a patient")
            .WithDescription("Admits an active patient into a bed (checked against the placement rules) or as pending, waiting for a bed. `admittedAt` defaults to now and may be given for late entry, never in the future. Accepts Idempotency-Key.")
            .RequirePermission(Permissions.AdmissionsWrite);
        admissions.MapGet("/", ListAdmissions.Handle)
            .WithName("listAdmissions")
            .WithSummary("List admissions")
            .WithDescription("Newest first. `wardId` is the ward the patient is in now; `from` (inclusive) and `to` (exclusive) bound the admission instant.")
            .RequirePermission(Permissions.AdmissionsRead);
        admissions.MapGet("/{id:guid}", GetAdmission.Handle)
            .WithName("getAdmission")
            .WithSummary("Get an admission")
            .WithDescription("One admission with its current bed and transfers, replayed from its event stream. The read is audited.")
            .RequirePermission(Permissions.AdmissionsRead).AuditRead("Admission");
        admissions.MapGet("/{id:guid}/events", GetAdmissionEvents.Handle)
            .WithName("getAdmissionEvents")
            .WithSummary("Get an admission's event stream")
            .WithDescription("The whole stream, oldest first: an admission's movements are few, so it is not paged.")
            .RequirePermission(Permissions.AdmissionsRead).AuditRead("Admission");
        admissions.MapPost("/{id:guid}/transfer", TransferPatient.Handle)
            .WithName("transferPatient")
            .WithSummary("Transfer a patient")
            .WithDescription("Moves an admitted patient to another bed, optionally with new acuity and isolation needs that the new bed must meet (409 naming the rule otherwise); the old bed goes to cleaning.")
            .RequirePermission(Permissions.AdmissionsWrite);
        admissions.MapPost("/{id:guid}/discharge", DischargePatient.Handle)
            .WithName("dischargePatient")
            .WithSummary("Discharge a patient")
            .WithDescription("Closes the admission for good: the bed goes to cleaning and the length of stay is fixed.")
            .RequirePermission(Permissions.AdmissionsWrite);
        admissions.MapPost("/{id:guid}/cancel", CancelAdmission.Handle)
            .WithName("cancelAdmission")
            .WithSummary("Cancel an admission entered in error")
            .WithDescription("Withdraws an admission entered in error. Only before any transfer: once a patient has moved, the admission happened and must be discharged instead. The bed goes to cleaning all the same, in case the patient used it; census and history leave a cancelled admission out entirely.")
            .RequirePermission(Permissions.AdmissionsWrite);

        var census = api.MapGroup("/census").WithTags("Admissions");
        census.MapGet("/", GetCensus.Handle)
            .WithName("getCensus")
            .WithSummary("Get the census at an instant")
            .WithDescription("Who was in which bed at an instant (now by default), replayed from the admissions' event streams, so transfers put a patient in the bed they held then. Patients waiting for a bed are listed only for the whole hospital.")
            .RequirePermission(Permissions.AdmissionsRead);
        census.MapGet("/daily", GetDailyCensus.Handle)
            .WithName("getDailyCensus")
            .WithSummary("Get the daily census")
            .WithDescription("Per local day in [from, to) of the facility's time zone (the ward's facility; the tenant's zone for the whole hospital), from the admissions' event streams: patients in beds of the scope at the midnight ending the day, admissions into a bed (a pending admission counts when it gets its bed), discharges, transfers in and out (between wards; a move within the ward is neither), bed-days, occupancy and average length of stay. Patients waiting for a bed occupy none and are not counted.")
            .RequirePermission(Permissions.AdmissionsRead);
        return api;
    }
}
