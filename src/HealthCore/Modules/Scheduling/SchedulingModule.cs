using HealthCore.Modules.Identity.Contracts;
using HealthCore.Modules.Scheduling.Contracts;
using HealthCore.Modules.Scheduling.Demo;
using HealthCore.Platform.Auditing;
using HealthCore.Platform.Database;
using HealthCore.Platform.Events;
using HealthCore.Platform.Http;
using HealthCore.Platform.OpenApi;
using HealthCore.Platform.Seeding;

namespace HealthCore.Modules.Scheduling;

internal static class SchedulingModule
{
    public static IServiceCollection AddScheduling(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddModuleDb<SchedulingDb>();
        services.AddOptions<SchedulingOptions>()
            .Bind(configuration.GetSection(SchedulingOptions.Section))
            .Validate(options => options.IsValid(out _), "Scheduling settings are invalid (durations must be positive).")
            .ValidateOnStart();
        services.AddScoped<SchedulingLookups>();
        services.AddScoped<WaitlistOffers>();
        services.AddScoped<OwnAppointments>();
        services.AddScoped<IAppointmentVisits, AppointmentVisits>();
        services.AddDemoSeeder<SchedulingDemoSeeder>(DemoSeederOrder.Activity);
        services.AddScoped<Reminders>();
        services.AddSingleton<SchedulingSweep>();
        services.AddHostedService<SchedulingSweepService>();
        services.AddIntegrationEventHandler<AppointmentReminderDue, SendAppointmentReminder>();
        services.AddIntegrationEventHandler<WaitlistOfferMade, SendWaitlistOffer>();
        return services;
    }

    public static RouteGroupBuilder MapScheduling(this RouteGroupBuilder api)
    {
        // Every endpoint of the module answers within the caller's facilities.
        var scheduling = api.MapGroup("").AddEndpointFilter<SchedulingFacilityScope>();
        var schedules = scheduling.MapGroup("/schedules").WithTags("Scheduling");
        schedules.MapPost("/", CreateSchedule.Handle)
            .WithName("createSchedule")
            .WithSummary("Create a schedule")
            .WithDescription("A resource's weekly availability in local wall-clock time: a practitioner or a department's modality (give one of practitionerId and modality), days, start and end times, slot length (default the tenant's defaultSlotMinutes), capacity, effective dates and an IANA time zone (default the tenant's). Two schedules of one resource may not overlap (409). Accepts Idempotency-Key.")
            .WithRequestExample("""{"practitionerId":"0195a0b2-0000-7000-8000-000000000002","departmentId":"0195a0b2-0000-7000-8000-000000000001","daysOfWeek":["monday","wednesday"],"startTime":"09:00","endTime":"12:30","slotMinutes":15,"effectiveFrom":"2027-01-04","timeZone":"Europe/Dublin"}""")
            .RequirePermission(Permissions.SchedulesWrite);
        schedules.MapGet("/", ListSchedules.Handle)
            .WithName("listSchedules")
            .WithSummary("List schedules")
            .WithDescription("The tenant's schedules, filtered by practitioner, department or modality, paged with a cursor.")
            .RequirePermission(Permissions.AppointmentsRead);
        schedules.MapGet("/{id:guid}", GetSchedule.Handle)
            .WithName("getSchedule")
            .WithSummary("Get a schedule")
            .WithDescription("One schedule of the tenant.")
            .RequirePermission(Permissions.AppointmentsRead);
        schedules.MapPatch("/{id:guid}", UpdateSchedule.Handle)
            .WithName("updateSchedule")
            .WithSummary("Update a schedule")
            .WithDescription("Partially updates a schedule (If-Match required). Its slot grid cannot change under upcoming appointments (409).")
            .RequirePermission(Permissions.SchedulesWrite).AcceptsMergePatch<ScheduleInput>();
        schedules.MapPost("/{id:guid}/exceptions", AddScheduleException.Handle)
            .WithName("addScheduleException")
            .WithSummary("Block dates on a schedule")
            .WithDescription("Blocks a local date range; the answer lists the active appointments inside it, which stay booked for staff to move. Accepts Idempotency-Key.")
            .RequirePermission(Permissions.SchedulesWrite);
        scheduling.MapGet("/slots", FindSlots.Handle)
            .WithName("findSlots")
            .WithSummary("Find free slots")
            .WithDescription("Free slots of a resource (give practitionerId, departmentId or modality; 400 otherwise) between two instants, as UTC instants with the local time and zone; never in the past or beyond the booking horizon. Paged with limit and cursor (nextCursor).")
            .WithTags("Scheduling").RequirePermission(Permissions.AppointmentsRead);

        var appointments = scheduling.MapGroup("/appointments").WithTags("Appointments");
        appointments.MapPost("/", BookAppointment.Handle)
            .WithName("bookAppointment")
            .WithSummary("Book an appointment")
            .WithDescription("Books the slots the appointment touches, all or nothing (409 naming a full slot); the patient's other active appointments may not overlap. Overbooking needs appointments.overbook. Accepts Idempotency-Key.")
            .RequirePermission(Permissions.AppointmentsBook);
        appointments.MapGet("/", ListAppointments.Handle)
            .WithName("listAppointments")
            .WithSummary("List appointments")
            .WithDescription("Appointments in start order; `from` is inclusive and `to` exclusive on the start time. `mine=true` keeps those of the practitioner linked to the caller's user account (a doctor's own schedule).")
            .RequirePermission(Permissions.AppointmentsRead);
        appointments.MapGet("/{id:guid}", GetAppointment.Handle)
            .WithName("getAppointment")
            .WithSummary("Get an appointment")
            .WithDescription("One appointment of the tenant. The read is audited.")
            .RequirePermission(Permissions.AppointmentsRead).AuditRead(nameof(Appointment));
        appointments.MapPost("/{id:guid}/confirm", ChangeAppointmentStatus.Confirm)
            .WithName("confirmAppointment")
            .WithSummary("Confirm an appointment")
            .WithDescription("booked → confirmed; any other status answers 409 with currentStatus.")
            .RequirePermission(Permissions.AppointmentsBook);
        appointments.MapPost("/{id:guid}/check-in", ChangeAppointmentStatus.CheckIn)
            .WithName("checkInAppointment")
            .WithSummary("Check a patient in")
            .WithDescription("booked or confirmed → checkedIn; any other status answers 409 with currentStatus.")
            .RequirePermission(Permissions.AppointmentsCheckIn);
        appointments.MapPost("/{id:guid}/start", ChangeAppointmentStatus.Start)
            .WithName("startAppointment")
            .WithSummary("Start an appointment")
            .WithDescription("checkedIn → inProgress. Only the practitioner's own appointments unless the caller may complete any (403 otherwise); 409 with currentStatus from any other status.")
            .RequirePermission(Permissions.AppointmentsComplete);
        appointments.MapPost("/{id:guid}/complete", ChangeAppointmentStatus.Complete)
            .WithName("completeAppointment")
            .WithSummary("Complete an appointment")
            .WithDescription("inProgress → completed. Only the practitioner's own appointments unless the caller may complete any (403 otherwise); 409 with currentStatus from any other status.")
            .RequirePermission(Permissions.AppointmentsComplete);
        appointments.MapPost("/{id:guid}/no-show", ChangeAppointmentStatus.NoShow)
            .WithName("markAppointmentNoShow")
            .WithSummary("Record a no-show")
            .WithDescription("booked or confirmed → noShow, only after the start; frees nothing.")
            .RequirePermission(Permissions.AppointmentsBook);
        appointments.MapPost("/{id:guid}/cancel", ChangeAppointmentStatus.Cancel)
            .WithName("cancelAppointment")
            .WithSummary("Cancel an appointment")
            .WithDescription("Cancels and frees the place, offering it to the waitlist first, in one transaction.")
            .RequirePermission(Permissions.AppointmentsBook);
        appointments.MapPost("/{id:guid}/reschedule", RescheduleAppointment.Handle)
            .WithName("rescheduleAppointment")
            .WithSummary("Reschedule an appointment")
            .WithDescription("Moves the appointment to a new start, booking the new slots and freeing the old ones in one transaction; the history keeps from, to, reason and actor.")
            .RequirePermission(Permissions.AppointmentsBook);
        appointments.MapPost("/{id:guid}/remind", RemindAppointment.Handle)
            .WithName("remindAppointment")
            .WithSummary("Send a reminder")
            .WithDescription("Queues a manual reminder; a second one for the same appointment time answers 409.")
            .RequirePermission(Permissions.AppointmentsBook);

        var waitlist = scheduling.MapGroup("/waitlist").WithTags("Waitlist");
        waitlist.MapPost("/", Waitlist.Create)
            .WithName("createWaitlistEntry")
            .WithSummary("Put a patient on the waitlist")
            .WithDescription("An entry with a priority and a window; a freed place that fits is offered to it. Accepts Idempotency-Key.")
            .WithRequestExample("""{"patientId":"0195a0b2-0000-7000-8000-000000000003","departmentId":"0195a0b2-0000-7000-8000-000000000001","earliestStart":"2027-01-04T08:00:00Z","latestEnd":"2027-01-15T17:00:00Z"}""")
            .RequirePermission(Permissions.AppointmentsBook);
        waitlist.MapGet("/", Waitlist.List)
            .WithName("listWaitlistEntries")
            .WithSummary("List waitlist entries")
            .WithDescription("Waitlist entries filtered by patient, practitioner, department and status, paged with a cursor.")
            .RequirePermission(Permissions.AppointmentsRead);
        waitlist.MapGet("/{id:guid}", Waitlist.Get)
            .WithName("getWaitlistEntry")
            .WithSummary("Get a waitlist entry")
            .WithDescription("One waitlist entry of the tenant.")
            .RequirePermission(Permissions.AppointmentsRead);
        waitlist.MapPost("/{id:guid}/accept", Waitlist.Accept)
            .WithName("acceptWaitlistOffer")
            .WithSummary("Accept an offer")
            .WithDescription("Books the held place: the offered appointment becomes booked.")
            .RequirePermission(Permissions.AppointmentsBook);
        waitlist.MapPost("/{id:guid}/decline", Waitlist.Decline)
            .WithName("declineWaitlistOffer")
            .WithSummary("Decline an offer")
            .WithDescription("Gives the held place up; it passes to the next entry that fits, or becomes free.")
            .RequirePermission(Permissions.AppointmentsBook);
        waitlist.MapPost("/{id:guid}/cancel", Waitlist.Cancel)
            .WithName("cancelWaitlistEntry")
            .WithSummary("Cancel a waitlist entry")
            .WithDescription("Takes a waiting patient off the list.")
            .RequirePermission(Permissions.AppointmentsBook);

        var shifts = scheduling.MapGroup("/shifts").WithTags("Shifts");
        shifts.MapPost("/", Shifts.Create)
            .WithName("createShift")
            .WithSummary("Create a shift")
            .WithDescription("A department shift with role, times and required headcount. Accepts Idempotency-Key.")
            .WithRequestExample("""{"departmentId":"0195a0b2-0000-7000-8000-000000000001","role":"nurse","startsAt":"2027-01-04T07:00:00Z","endsAt":"2027-01-04T19:00:00Z","requiredHeadcount":4}""")
            .RequirePermission(Permissions.SchedulesWrite);
        shifts.MapGet("/", Shifts.List)
            .WithName("listShifts")
            .WithSummary("List shifts")
            .WithDescription("Shifts overlapping the local date (in the tenant's time zone), with their staffing.")
            .RequirePermission(Permissions.AppointmentsRead).WithRequiredQuery("date");
        shifts.MapPost("/{id:guid}/assignments", Shifts.Assign)
            .WithName("assignShift")
            .WithSummary("Assign practitioners to a shift")
            .WithDescription("A practitioner's assignments may not overlap (409).")
            .RequirePermission(Permissions.SchedulesWrite);

        // Lives under /practitioners for callers, but is computed from this module's schedules, shifts and appointments.
        scheduling.MapGet("/practitioners/{id:guid}/availability", GetPractitionerAvailability.Handle)
            .WithName("getPractitionerAvailability")
            .WithSummary("Get a practitioner's availability")
            .WithDescription("The day's schedule windows and shifts, minus exceptions and active appointments, for ?date=.")
            .WithTags("Scheduling")
            .RequirePermission(Permissions.AppointmentsRead);
        return api;
    }
}
