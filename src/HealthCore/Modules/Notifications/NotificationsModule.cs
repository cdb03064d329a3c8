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
        notifications.MapPost("/", EnqueueNotification.Handle).RequirePermission(Permissions.NotificationsSend);
        notifications.MapGet("/{id:guid}", GetNotification.Handle).RequirePermission(Permissions.NotificationsRead).AuditRead(nameof(Notification));
        notifications.MapGet("/", ListNotifications.Handle).RequirePermission(Permissions.NotificationsRead);

        // Templates shape what every message of the tenant says, so changing them is configuration (Admin).
        var templates = api.MapGroup("/notification-templates").WithTags("Notifications");
        templates.MapPut("/{key}", PutNotificationTemplate.Handle).RequirePermission(Permissions.ConfigWrite);
        templates.MapGet("/{key}", GetNotificationTemplate.Handle).RequirePermission(Permissions.NotificationsRead);
        templates.MapGet("/", ListNotificationTemplates.Handle).RequirePermission(Permissions.NotificationsRead);
        return api;
    }
}
