using HealthCore.Modules.Identity.Contracts;
using HealthCore.Modules.Scheduling.Contracts;
using HealthCore.Platform.Auditing;
using HealthCore.Platform.Database;
using HealthCore.Platform.Events;
using HealthCore.Platform.Http;
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
        var schedules = api.MapGroup("/schedules").WithTags("Scheduling");
        schedules.MapPost("/", CreateSchedule.Handle).RequirePermission(Permissions.SchedulesWrite);
        schedules.MapGet("/", ListSchedules.Handle).RequirePermission(Permissions.AppointmentsRead);
        schedules.MapGet("/{id:guid}", GetSchedule.Handle).RequirePermission(Permissions.AppointmentsRead);
        schedules.MapPatch("/{id:guid}", UpdateSchedule.Handle).RequirePermission(Permissions.SchedulesWrite)
            .AcceptsMergePatch<ScheduleInput>();
        schedules.MapPost("/{id:guid}/exceptions", AddScheduleException.Handle).RequirePermission(Permissions.SchedulesWrite);
        api.MapGet("/slots", FindSlots.Handle).WithTags("Scheduling").RequirePermission(Permissions.AppointmentsRead);

        var appointments = api.MapGroup("/appointments").WithTags("Appointments");
        appointments.MapPost("/", BookAppointment.Handle).RequirePermission(Permissions.AppointmentsBook);
        appointments.MapGet("/", ListAppointments.Handle).RequirePermission(Permissions.AppointmentsRead);
        appointments.MapGet("/{id:guid}", GetAppointment.Handle).RequirePermission(Permissions.AppointmentsRead).AuditRead(nameof(Appointment));
        appointments.MapPost("/{id:guid}/confirm", ChangeAppointmentStatus.Confirm).RequirePermission(Permissions.AppointmentsBook);
        appointments.MapPost("/{id:guid}/check-in", ChangeAppointmentStatus.CheckIn).RequirePermission(Permissions.AppointmentsCheckIn);
        appointments.MapPost("/{id:guid}/start", ChangeAppointmentStatus.Start).RequirePermission(Permissions.AppointmentsComplete);
        appointments.MapPost("/{id:guid}/complete", ChangeAppointmentStatus.Complete).RequirePermission(Permissions.AppointmentsComplete);
        appointments.MapPost("/{id:guid}/no-show", ChangeAppointmentStatus.NoShow).RequirePermission(Permissions.AppointmentsBook);
        appointments.MapPost("/{id:guid}/cancel", ChangeAppointmentStatus.Cancel).RequirePermission(Permissions.AppointmentsBook);
        appointments.MapPost("/{id:guid}/reschedule", RescheduleAppointment.Handle).RequirePermission(Permissions.AppointmentsBook);
        appointments.MapPost("/{id:guid}/remind", RemindAppointment.Handle).RequirePermission(Permissions.AppointmentsBook);

        var waitlist = api.MapGroup("/waitlist").WithTags("Waitlist");
        waitlist.MapPost("/", Waitlist.Create).RequirePermission(Permissions.AppointmentsBook);
        waitlist.MapGet("/", Waitlist.List).RequirePermission(Permissions.AppointmentsRead);
        waitlist.MapGet("/{id:guid}", Waitlist.Get).RequirePermission(Permissions.AppointmentsRead);
        waitlist.MapPost("/{id:guid}/accept", Waitlist.Accept).RequirePermission(Permissions.AppointmentsBook);
        waitlist.MapPost("/{id:guid}/decline", Waitlist.Decline).RequirePermission(Permissions.AppointmentsBook);
        waitlist.MapPost("/{id:guid}/cancel", Waitlist.Cancel).RequirePermission(Permissions.AppointmentsBook);

        var shifts = api.MapGroup("/shifts").WithTags("Shifts");
        shifts.MapPost("/", Shifts.Create).RequirePermission(Permissions.SchedulesWrite);
        shifts.MapGet("/", Shifts.List).RequirePermission(Permissions.AppointmentsRead);
        shifts.MapPost("/{id:guid}/assignments", Shifts.Assign).RequirePermission(Permissions.SchedulesWrite);

        // Lives under /practitioners for callers, but is computed from this module's schedules, shifts and appointments.
        api.MapGet("/practitioners/{id:guid}/availability", GetPractitionerAvailability.Handle)
            .WithTags("Scheduling")
            .RequirePermission(Permissions.AppointmentsRead);
        return api;
    }
}
