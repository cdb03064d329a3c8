using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using HealthCore.Modules.Notifications;
using HealthCore.Modules.Notifications.Contracts;
using HealthCore.Platform.Database;
using HealthCore.Platform.Security;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static HealthCore.Tests.Modules.Notifications.NotificationApi;

namespace HealthCore.Tests.Modules.Notifications;

public abstract class NotificationDeliveryTests(NotificationsApp app)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    private NotificationProcessor Processor => app.Services.GetRequiredService<NotificationProcessor>();

    [Fact]
    public async Task A_queued_email_is_sent_over_SMTP_with_its_subject_body_and_id_and_marked_sent()
    {
        var client = app.ClientFor();
        var key = await CreateTemplateAsync(client);
        var address = UniqueEmail();
        var id = (await EnqueueAsync(client, Email(key, address, Payload(name: "Zoë <Z>")))).GetProperty("id").GetGuid();

        await Processor.SendDueAsync(CancellationToken.None);

        var mail = app.Smtp.To(address).ShouldHaveSingleItem();
        mail.Recipients.ShouldBe([address]);
        mail.From.ShouldBe("noreply@healthcore.test");
        mail.Headers["Subject"].ShouldBe("Appointment for Zoë <Z>");
        mail.Headers[SmtpEmailChannel.NotificationIdHeader].ShouldBe(id.ToString());
        mail.Headers["Content-Type"].ShouldStartWith("text/html");
        mail.Body.ShouldBe("<p>Dear Zo&#235; &lt;Z&gt;, see you at 2030-01-02 09:30.</p>");
        var notification = await GetAsync(client, id);
        notification.GetProperty("status").GetString().ShouldBe("sent");
        notification.GetProperty("attempts").GetInt32().ShouldBe(1);
        notification.GetProperty("sentAt").ValueKind.ShouldBe(JsonValueKind.String);
        notification.GetProperty("nextAttemptAt").ValueKind.ShouldBe(JsonValueKind.Null);
        notification.GetProperty("lastError").ValueKind.ShouldBe(JsonValueKind.Null);
    }

    [Fact]
    public async Task A_header_injection_attempt_in_the_subject_adds_no_recipient_or_header()
    {
        var client = app.ClientFor();
        var key = await CreateTemplateAsync(client);
        var address = UniqueEmail();
        var attacker = UniqueEmail();
        await EnqueueAsync(client, Email(key, address, Payload(name: $"Ann\r\nBcc: {attacker}\r\nX-Injected: yes")));

        await Processor.SendDueAsync(CancellationToken.None);

        var mail = app.Smtp.To(address).ShouldHaveSingleItem();
        mail.Recipients.ShouldBe([address]);
        mail.Headers.ContainsKey("Bcc").ShouldBeFalse();
        mail.Headers.ContainsKey("X-Injected").ShouldBeFalse();
        // Long subjects may be folded on the wire; what matters is that it is one header with the text in it.
        string.Join(' ', mail.Headers["Subject"].Split(' ', StringSplitOptions.RemoveEmptyEntries)).ShouldBe($"Appointment for Ann Bcc: {attacker} X-Injected: yes");
        app.Smtp.AttemptsFor(attacker).ShouldBe(0);
    }

    [Fact]
    public async Task A_temporary_SMTP_failure_is_retried_until_the_email_is_sent_once()
    {
        var client = app.ClientFor();
        var key = await CreateTemplateAsync(client);
        var address = UniqueEmail();
        app.Smtp.Fail(address, SmtpStage.Data, 451, times: 2);
        var id = (await EnqueueAsync(client, Email(key, address))).GetProperty("id").GetGuid();

        await Processor.SendDueAsync(CancellationToken.None);
        var afterFirst = await GetAsync(client, id);
        await SendUntilAsync(Processor, async () => (await GetAsync(client, id)).GetProperty("status").GetString() == "sent");

        afterFirst.GetProperty("status").GetString().ShouldBe("failed");
        afterFirst.GetProperty("attempts").GetInt32().ShouldBe(1);
        afterFirst.GetProperty("lastError").GetString()!.ShouldContain("451");
        afterFirst.GetProperty("nextAttemptAt").ValueKind.ShouldBe(JsonValueKind.String);
        var sent = await GetAsync(client, id);
        sent.GetProperty("attempts").GetInt32().ShouldBe(3);
        app.Smtp.AttemptsFor(address).ShouldBe(3);
        app.Smtp.To(address).ShouldHaveSingleItem();
    }

    [Fact]
    public async Task A_failed_email_waits_for_its_jittered_exponential_backoff_before_the_next_attempt()
    {
        using var slow = app.WithSettings(("Notifications:RetryBaseDelayMilliseconds", "60000"), ("Notifications:MaxRetryDelaySeconds", "3600"));
        var processor = slow.Services.GetRequiredService<NotificationProcessor>();
        var client = app.ClientFor();
        var key = await CreateTemplateAsync(client);
        var address = UniqueEmail();
        app.Smtp.Fail(address, SmtpStage.Recipient, 421, times: 1);
        var id = (await EnqueueAsync(client, Email(key, address))).GetProperty("id").GetGuid();

        var before = DateTimeOffset.UtcNow;
        await processor.SendDueAsync(CancellationToken.None);
        var after = DateTimeOffset.UtcNow;
        await processor.SendDueAsync(CancellationToken.None);

        var notification = await GetAsync(client, id);
        notification.GetProperty("status").GetString().ShouldBe("failed");
        notification.GetProperty("attempts").GetInt32().ShouldBe(1);
        notification.GetProperty("nextAttemptAt").GetDateTimeOffset().ShouldBeInRange(before.AddSeconds(30), after.AddSeconds(60));
        app.Smtp.AttemptsFor(address).ShouldBe(1);
    }

    [Fact]
    public async Task An_email_that_keeps_failing_is_dead_after_the_maximum_attempts_and_never_tried_again()
    {
        var client = app.ClientFor();
        var key = await CreateTemplateAsync(client);
        var address = UniqueEmail();
        app.Smtp.Fail(address, SmtpStage.Data, 554);
        var id = (await EnqueueAsync(client, Email(key, address))).GetProperty("id").GetGuid();

        await SendUntilAsync(Processor, async () => (await GetAsync(client, id)).GetProperty("status").GetString() == "dead");
        await Task.Delay(20);
        await Processor.SendDueAsync(CancellationToken.None);

        var dead = await GetAsync(client, id);
        dead.GetProperty("attempts").GetInt32().ShouldBe(NotificationsApp.MaxAttempts);
        dead.GetProperty("lastError").GetString()!.ShouldContain("554");
        dead.GetProperty("deadAt").ValueKind.ShouldBe(JsonValueKind.String);
        dead.GetProperty("sentAt").ValueKind.ShouldBe(JsonValueKind.Null);
        dead.GetProperty("nextAttemptAt").ValueKind.ShouldBe(JsonValueKind.Null);
        app.Smtp.AttemptsFor(address).ShouldBe(NotificationsApp.MaxAttempts);
        app.Smtp.To(address).ShouldBeEmpty();
        var listed = await client.GetFromJsonAsync<JsonElement>($"{NotificationsPath}?status=dead&recipient={address}");
        listed.GetProperty("items").EnumerateArray().Select(n => n.GetProperty("id").GetGuid()).ShouldBe([id]);
    }

    [Fact]
    public async Task A_recipient_the_server_refuses_for_good_is_dead_after_one_attempt()
    {
        var client = app.ClientFor();
        var key = await CreateTemplateAsync(client);
        var address = UniqueEmail();
        app.Smtp.Fail(address, SmtpStage.Recipient, 550);
        var id = (await EnqueueAsync(client, Email(key, address))).GetProperty("id").GetGuid();

        await Processor.SendDueAsync(CancellationToken.None);

        var dead = await GetAsync(client, id);
        dead.GetProperty("status").GetString().ShouldBe("dead");
        dead.GetProperty("attempts").GetInt32().ShouldBe(1);
        dead.GetProperty("lastError").GetString()!.ShouldContain("550");
    }

    [Fact]
    public async Task A_channel_without_a_provider_fails_the_notification_with_a_clear_error_instead_of_pretending()
    {
        var client = app.ClientFor();
        var key = await CreateTemplateAsync(client);
        var id = (await EnqueueAsync(client, Sms(key))).GetProperty("id").GetGuid();

        await Processor.SendDueAsync(CancellationToken.None);

        var dead = await GetAsync(client, id);
        dead.GetProperty("status").GetString().ShouldBe("dead");
        dead.GetProperty("attempts").GetInt32().ShouldBe(1);
        dead.GetProperty("lastError").GetString()!.ShouldContain("No provider is configured for channel Sms");
    }

    [Fact]
    public async Task The_log_provider_delivers_SMS_to_the_log()
    {
        using var logging = app.WithSettings(("Notifications:Providers:Sms", "Log"));
        var client = app.ClientFor();
        var key = await CreateTemplateAsync(client);
        var id = (await EnqueueAsync(client, Sms(key))).GetProperty("id").GetGuid();

        await logging.Services.GetRequiredService<NotificationProcessor>().SendDueAsync(CancellationToken.None);

        (await GetAsync(client, id)).GetProperty("status").GetString().ShouldBe("sent");
    }

    [Fact]
    public async Task The_file_provider_writes_the_email_to_the_folder()
    {
        var folder = Directory.CreateTempSubdirectory("healthcore-mail-");
        try
        {
            using var files = app.WithSettings(("Notifications:Providers:Email", "File"), ("Notifications:FileDirectory", folder.FullName));
            var client = app.ClientFor();
            var key = await CreateTemplateAsync(client);
            var id = (await EnqueueAsync(client, Email(key, UniqueEmail()))).GetProperty("id").GetGuid();

            await files.Services.GetRequiredService<NotificationProcessor>().SendDueAsync(CancellationToken.None);

            (await GetAsync(client, id)).GetProperty("status").GetString().ShouldBe("sent");
            // The instance sends whatever else is due too; exactly one file is this notification.
            var written = await Task.WhenAll(folder.GetFiles("*.eml").Select(file => File.ReadAllTextAsync(file.FullName)));
            written.Count(text => text.Contains($"{SmtpEmailChannel.NotificationIdHeader}: {id}", StringComparison.Ordinal)).ShouldBe(1);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task A_notification_left_sending_by_a_dead_process_is_delivered_by_a_new_sender_once_its_lease_has_run_out()
    {
        var client = app.ClientFor();
        var key = await CreateTemplateAsync(client);
        var leased = UniqueEmail();
        var lapsed = UniqueEmail();
        var leasedId = (await EnqueueAsync(client, Email(key, leased))).GetProperty("id").GetGuid();
        var lapsedId = (await EnqueueAsync(client, Email(key, lapsed))).GetProperty("id").GetGuid();
        await LeaveSendingAsync(leasedId, DateTimeOffset.UtcNow.AddMinutes(5));
        await LeaveSendingAsync(lapsedId, DateTimeOffset.UtcNow.AddSeconds(-1));

        // A new instance of the service, as after a restart.
        using var restarted = app.WithSettings();
        await restarted.Services.GetRequiredService<NotificationProcessor>().SendDueAsync(CancellationToken.None);

        (await GetAsync(client, lapsedId)).GetProperty("status").GetString().ShouldBe("sent");
        app.Smtp.To(lapsed).ShouldHaveSingleItem();
        (await GetAsync(client, leasedId)).GetProperty("status").GetString().ShouldBe("sending");
        app.Smtp.AttemptsFor(leased).ShouldBe(0);
    }

    [Fact]
    public async Task A_sender_stopped_mid_pass_hands_its_unsent_notifications_back_at_once()
    {
        var tenant = Guid.CreateVersion7();
        var key = await CreateTemplateAsync(app.ClientFor(tenant));
        var id = await EnqueueDirectlyAsync(tenant, key, UniqueEmail(), dedupKey: null);
        using var stopping = new CancellationTokenSource();
        var channel = new StoppingChannel(stopping);
        using var instance = WithEmailChannel(channel, batchSize: 1000);

        await Should.ThrowAsync<OperationCanceledException>(() => instance.Services.GetRequiredService<NotificationProcessor>().SendDueAsync(stopping.Token));

        channel.Called.ShouldBeTrue();

        await using var scope = app.Services.CreateAsyncScope();
        var row = await scope.ServiceProvider.GetRequiredService<NotificationsDb>().Notifications.IgnoreQueryFilters().AsNoTracking().SingleAsync(n => n.Id == id);
        row.Status.ShouldBe(NotificationStatus.Queued);
        row.Attempts.ShouldBe(0);
        row.LockedBy.ShouldBeNull();
        row.LockedUntil.ShouldBeNull();
    }

    [Fact]
    public async Task Concurrent_senders_send_each_notification_exactly_once()
    {
        const int Count = 40;
        var tenant = Guid.CreateVersion7();
        var key = await CreateTemplateAsync(app.ClientFor(tenant));
        var ids = new List<Guid>();
        for (var i = 0; i < Count; i++)
        {
            ids.Add(await EnqueueDirectlyAsync(tenant, key, UniqueEmail(), dedupKey: null));
        }

        var first = new RecordingChannel();
        var second = new RecordingChannel();
        using var instanceA = WithEmailChannel(first);
        using var instanceB = WithEmailChannel(second);
        await RunConcurrentlyAsync([instanceA, instanceB, instanceA, instanceB]);

        var sends = first.Sent.Concat(second.Sent).Where(ids.Contains).ToList();
        sends.GroupBy(id => id).Where(g => g.Count() > 1).Select(g => g.Key).ShouldBeEmpty();
        sends.Order().ShouldBe(ids.Order());
        foreach (var id in ids)
        {
            (await GetAsync(app.ClientFor(tenant), id)).GetProperty("status").GetString().ShouldBe("sent");
        }

        if (app.Provider == DatabaseProvider.Postgres)
        {
            // SQLite serialises writers, so there one instance may legitimately claim everything before the other.
            first.Sent.Count(ids.Contains).ShouldBeGreaterThan(0, "both instances should have taken part");
            second.Sent.Count(ids.Contains).ShouldBeGreaterThan(0, "both instances should have taken part");
        }
    }

    [Fact]
    public async Task Concurrent_enqueues_with_one_dedup_key_queue_one_notification_and_two_senders_send_it_once()
    {
        var tenant = Guid.CreateVersion7();
        var client = app.ClientFor(tenant);
        var key = await CreateTemplateAsync(client);
        var address = UniqueEmail();
        var dedupKey = $"appointment:{Guid.CreateVersion7()}:reminder:24h";
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var requests = Enumerable.Range(0, 20).Select(_ => Task.Run(async () =>
        {
            await start.Task;
            return await client.PostAsJsonAsync(NotificationsPath, Email(key, address, dedupKey: dedupKey));
        })).ToList();
        start.SetResult();
        var responses = await Task.WhenAll(requests);

        responses.Select(r => r.StatusCode).Where(s => s != HttpStatusCode.OK && s != HttpStatusCode.Created).ShouldBeEmpty();
        responses.Count(r => r.StatusCode == HttpStatusCode.Created).ShouldBe(1);
        var ids = await Task.WhenAll(responses.Select(async r => (await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid()));
        ids.Distinct().ShouldHaveSingleItem();
        using var other = app.WithSettings();
        await RunConcurrentlyAsync([app, other]);
        app.Smtp.To(address).ShouldHaveSingleItem();
        app.Smtp.AttemptsFor(address).ShouldBe(1);
        (await EnqueueDirectlyAsync(tenant, key, address, dedupKey)).ShouldBe(ids[0]);
        await Processor.SendDueAsync(CancellationToken.None);
        app.Smtp.To(address).ShouldHaveSingleItem();
    }

    [Fact]
    public async Task Other_modules_enqueue_through_INotificationSender_which_rejects_an_unknown_template_naming_templateKey()
    {
        var tenant = Guid.CreateVersion7();
        var key = await CreateTemplateAsync(app.ClientFor(tenant));
        var address = UniqueEmail();

        var id = await EnqueueDirectlyAsync(tenant, key, address, dedupKey: "reminder-1");
        var again = await EnqueueDirectlyAsync(tenant, key, address, dedupKey: "reminder-1");
        var rejected = await Should.ThrowAsync<NotificationRejectedException>(() => EnqueueDirectlyAsync(tenant, UniqueKey("unknown"), address, null));

        again.ShouldBe(id);
        rejected.Errors.Keys.ShouldBe(["templateKey"]);
        var notification = await GetAsync(app.ClientFor(tenant), id);
        notification.GetProperty("body").GetString().ShouldBe("<p>Dear Ann Smith, see you at 2030-01-02 09:30.</p>");
    }

    private static object Sms(string templateKey) => new
    {
        recipient = new { kind = "phone", address = "+4179" + Random.Shared.Next(1_000_000, 9_999_999) },
        channel = "sms",
        templateKey,
        payload = Payload(),
    };

    private async Task<Guid> EnqueueDirectlyAsync(Guid tenant, string templateKey, string address, string? dedupKey)
    {
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentTenant>().ActAs(tenant, userId: null);
        var payload = new JsonObject { ["patient"] = new JsonObject { ["name"] = "Ann Smith" }, ["appointment"] = new JsonObject { ["start"] = "2030-01-02 09:30" } };
        return await scope.ServiceProvider.GetRequiredService<INotificationSender>().EnqueueAsync(
            new NotificationRequest(new NotificationRecipient(RecipientKind.Email, address), NotificationChannel.Email, templateKey, payload, dedupKey),
            CancellationToken.None);
    }

    private async Task LeaveSendingAsync(Guid id, DateTimeOffset lockedUntil)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<NotificationsDb>().Notifications.IgnoreQueryFilters().Where(n => n.Id == id)
            .ExecuteUpdateAsync(set => set
                .SetProperty(n => n.Status, NotificationStatus.Sending)
                .SetProperty(n => n.LockedUntil, lockedUntil)
                .SetProperty(n => n.LockedBy, Guid.CreateVersion7()));
    }

    private WebApplicationFactory<Program> WithEmailChannel(INotificationChannel channel, int batchSize = 5) =>
        app.WithWebHostBuilder(host => host
            .UseSetting("Notifications:BatchSize", batchSize.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .ConfigureServices(services => services.AddKeyedSingleton<INotificationChannel>(NotificationChannel.Email, channel)));

    /// <summary>A sender loop per instance, released together; a loop stops once a pass finds nothing to claim.</summary>
    private static async Task RunConcurrentlyAsync(IEnumerable<WebApplicationFactory<Program>> instances)
    {
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var loops = instances.Select(instance => instance.Services.GetRequiredService<NotificationProcessor>()).Select(processor => Task.Run(async () =>
        {
            await start.Task;
            while (await processor.SendDueAsync(timeout.Token) > 0)
            {
            }
        })).ToList();
        start.SetResult();
        await Task.WhenAll(loops);
    }

    private static async Task SendUntilAsync(NotificationProcessor processor, Func<Task<bool>> done)
    {
        var deadline = DateTimeOffset.UtcNow + Patience;
        while (!await done())
        {
            DateTimeOffset.UtcNow.ShouldBeLessThan(deadline, "the sender did not get there in time");
            await Task.Delay(5);
            await processor.SendDueAsync(CancellationToken.None);
        }
    }

    /// <summary>A gateway during whose send the service is told to stop.</summary>
    private sealed class StoppingChannel(CancellationTokenSource stopping) : INotificationChannel
    {
        public bool Called { get; private set; }

        public async Task SendAsync(OutgoingNotification notification, CancellationToken cancellationToken)
        {
            Called = true;
            await stopping.CancelAsync();
            cancellationToken.ThrowIfCancellationRequested();
        }
    }

    /// <summary>A gateway that records what it was given, slowly enough for two senders' passes to overlap.</summary>
    private sealed class RecordingChannel : INotificationChannel
    {
        private readonly ConcurrentQueue<Guid> sent = new();

        public IReadOnlyCollection<Guid> Sent => sent;

        public async Task SendAsync(OutgoingNotification notification, CancellationToken cancellationToken)
        {
            await Task.Delay(2, cancellationToken);
            sent.Enqueue(notification.Id);
        }
    }
}

[Collection(NotificationsPostgresCollection.Name)]
public sealed class NotificationDeliveryTests_on_Postgres(NotificationsPostgresApp app) : NotificationDeliveryTests(app);

[Collection(NotificationsSqliteCollection.Name)]
public sealed class NotificationDeliveryTests_on_Sqlite(NotificationsSqliteApp app) : NotificationDeliveryTests(app);
