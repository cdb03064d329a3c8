using System.Text.Json;
using HealthCore.Platform.Database;
using Microsoft.AspNetCore.Hosting;

namespace HealthCore.Tests.Modules.Notifications;

/// <summary>
/// The app on a database of its own, sending email by SMTP to an in-process <see cref="SmtpListener"/>, with the
/// background sender off so that tests run sender passes themselves, and retry delays of a millisecond.
/// </summary>
public abstract class NotificationsApp : HealthCoreApp
{
    public const int MaxAttempts = 3;

    private protected NotificationsApp(DatabaseProvider provider)
        : base(provider, "notifications")
    {
    }

    internal SmtpListener Smtp { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Events:Enabled", "false");
        builder.UseSetting("Notifications:Enabled", "false");
        builder.UseSetting("Notifications:BatchSize", "1000");
        builder.UseSetting("Notifications:MaxAttempts", MaxAttempts.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Notifications:RetryBaseDelayMilliseconds", "1");
        builder.UseSetting("Notifications:MaxRetryDelaySeconds", "1");
        builder.UseSetting("Notifications:Providers:Email", "Smtp");
        builder.UseSetting("Notifications:Smtp:Host", "127.0.0.1");
        builder.UseSetting("Notifications:Smtp:Port", Smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Notifications:Smtp:From", "noreply@healthcore.test");
        builder.UseSetting("Notifications:Smtp:FromName", "HealthCore");
        builder.UseSetting("Notifications:Smtp:TimeoutSeconds", "10");
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Smtp.Dispose();
        GC.SuppressFinalize(this);
    }
}

public sealed class NotificationsPostgresApp() : NotificationsApp(DatabaseProvider.Postgres);

public sealed class NotificationsSqliteApp() : NotificationsApp(DatabaseProvider.Sqlite);

[CollectionDefinition(Name)]
public sealed class NotificationsPostgresCollection : ICollectionFixture<NotificationsPostgresApp>
{
    public const string Name = "Notifications on PostgreSQL";
}

[CollectionDefinition(Name)]
public sealed class NotificationsSqliteCollection : ICollectionFixture<NotificationsSqliteApp>
{
    public const string Name = "Notifications on SQLite";
}

/// <summary>Tiny builders and calls for the notification endpoints.</summary>
internal static class NotificationApi
{
    public const string NotificationsPath = "/api/v1/notifications";
    public const string TemplatesPath = "/api/v1/notification-templates";

    public static string UniqueKey(string prefix = "reminder") => $"{prefix}.{Guid.CreateVersion7():N}";

    public static string UniqueEmail() => $"patient-{Guid.CreateVersion7():N}@example.org";

    public static object AllChannels(string subject = "Appointment for {{patient.name}}", string body = "<p>Dear {{patient.name}}, see you at {{appointment.start}}.</p>") => new
    {
        description = "Appointment reminder",
        channels = new
        {
            email = new { subject, body },
            sms = new { body = "Dear {{patient.name}}, see you at {{appointment.start}}." },
            push = new { subject = "Reminder", body = "See you at {{appointment.start}}." },
            inApp = new { body = "See you at {{appointment.start}}." },
        },
    };

    public static object Payload(string name = "Ann Smith", string start = "2030-01-02 09:30") =>
        new { patient = new { name }, appointment = new { start } };

    public static object Email(string templateKey, string address, object? payload = null, string? dedupKey = null) => new
    {
        recipient = new { kind = "email", address },
        channel = "email",
        templateKey,
        payload = payload ?? Payload(),
        dedupKey,
    };

    public static async Task<HttpResponseMessage> PutTemplateAsync(HttpClient client, string key, object? template = null) =>
        await client.PutAsJsonAsync($"{TemplatesPath}/{key}", template ?? AllChannels());

    /// <summary>Creates a template and returns its key.</summary>
    public static async Task<string> CreateTemplateAsync(HttpClient client, object? template = null)
    {
        var key = UniqueKey();
        var response = await PutTemplateAsync(client, key, template);
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return key;
    }

    /// <summary>Enqueues and returns the created notification.</summary>
    public static async Task<JsonElement> EnqueueAsync(HttpClient client, object request)
    {
        var response = await client.PostAsJsonAsync(NotificationsPath, request);
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public static async Task<JsonElement> GetAsync(HttpClient client, Guid id)
    {
        var response = await client.GetAsync($"{NotificationsPath}/{id}");
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public static IReadOnlyList<string> ErrorKeys(JsonElement problem) =>
        problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).ToList();
}
