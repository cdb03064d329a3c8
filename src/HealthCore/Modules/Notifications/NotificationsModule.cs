using HealthCore.Modules.Identity.Contracts;
using HealthCore.Modules.Notifications.Contracts;
using HealthCore.Platform.Auditing;
using HealthCore.Platform.Database;

namespace HealthCore.Modules.Notifications;

internal static class NotificationsModule
{
    public static IServiceCollection AddNotifications(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddModuleDb<NotificationsDb>();
        services.AddOptions<NotificationOptions>()
            .Bind(configuration.GetSection(NotificationOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddScoped<NotificationEnqueuer>();
        services.AddScoped<INotificationSender>(provider => provider.GetRequiredService<NotificationEnqueuer>());
        services.AddSingleton<NotificationChannels>();
        services.AddSingleton<NotificationProcessor>();
        services.AddHostedService<NotificationDispatcher>();
        return services;
    }

    public static RouteGroupBuilder MapNotifications(this RouteGroupBuilder api)
    {
        var notifications = api.MapGroup("/notifications").WithTags("Notifications");
        notifications.MapPost("/", EnqueueNotification.Handle)
            .WithName("enqueueNotification")
            .WithSummary("Queue a notification")
            .WithDescription("Queues a message from a tenant template to a recipient on a channel; the sender delivers it in the background with retries. Accepts Idempotency-Key.")
            .RequirePermission(Permissions.NotificationsSend);
        notifications.MapGet("/{id:guid}", GetNotification.Handle)
            .WithName("getNotification")
            .WithSummary("Get a notification")
            .WithDescription("One notification with its delivery status. The read is audited.")
            .RequirePermission(Permissions.NotificationsRead).AuditRead(nameof(Notification));
        notifications.MapGet("/", ListNotifications.Handle)
            .WithName("listNotifications")
            .WithSummary("List notifications")
            .WithDescription("Newest first; recipient is the exact address (email, E.164 number or user id), status one of the status names.")
            .RequirePermission(Permissions.NotificationsRead);

        // Templates shape what every message of the tenant says, so changing them is configuration (Admin).
        var templates = api.MapGroup("/notification-templates").WithTags("Notifications");
        templates.MapPut("/{key}", PutNotificationTemplate.Handle)
            .WithName("putNotificationTemplate")
            .WithSummary("Create or replace a template")
            .WithDescription("Sets the tenant's template for the key, per channel.")
            .RequirePermission(Permissions.ConfigWrite);
        templates.MapGet("/{key}", GetNotificationTemplate.Handle)
            .WithName("getNotificationTemplate")
            .WithSummary("Get a template")
            .WithDescription("The tenant's template for the key.")
            .RequirePermission(Permissions.NotificationsRead);
        templates.MapGet("/", ListNotificationTemplates.Handle)
            .WithName("listNotificationTemplates")
            .WithSummary("List templates")
            .WithDescription("The tenant's templates in key order.")
            .RequirePermission(Permissions.NotificationsRead);
        return api;
    }
}
