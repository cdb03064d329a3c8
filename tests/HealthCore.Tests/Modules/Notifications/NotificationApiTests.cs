using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using static HealthCore.Tests.Modules.Notifications.NotificationApi;

namespace HealthCore.Tests.Modules.Notifications;

public abstract class NotificationApiTests(NotificationsApp app)
{
    [Fact]
    public async Task A_template_is_created_by_PUT_read_back_with_its_placeholders_and_replaced_only_with_a_current_ETag()
    {
        var client = app.ClientFor();
        var key = UniqueKey();

        var created = await PutTemplateAsync(client, key);
        var withoutIfMatch = await PutTemplateAsync(client, key, AllChannels(subject: "Changed"));
        var stale = new HttpRequestMessage(HttpMethod.Put, $"{TemplatesPath}/{key}") { Content = JsonContent.Create(AllChannels(subject: "Changed")) };
        stale.Headers.IfMatch.Add(new EntityTagHeaderValue("\"41\""));
        var staleResponse = await client.SendAsync(stale);
        var replace = new HttpRequestMessage(HttpMethod.Put, $"{TemplatesPath}/{key}") { Content = JsonContent.Create(AllChannels(subject: "Changed")) };
        replace.Headers.IfMatch.Add(created.Headers.ETag!);
        var replaced = await client.SendAsync(replace);

        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        created.Headers.Location!.ToString().ShouldBe($"{TemplatesPath}/{key}");
        await ProblemAssertions.ShouldBeProblemAsync(withoutIfMatch, HttpStatusCode.PreconditionRequired);
        await ProblemAssertions.ShouldBeProblemAsync(staleResponse, HttpStatusCode.PreconditionFailed);
        replaced.StatusCode.ShouldBe(HttpStatusCode.OK);
        var read = await client.GetAsync($"{TemplatesPath}/{key}");
        read.Headers.ETag.ShouldBe(replaced.Headers.ETag);
        var template = await read.Content.ReadFromJsonAsync<JsonElement>();
        template.GetProperty("version").GetInt32().ShouldBe(1);
        template.GetProperty("channels").GetProperty("email").GetProperty("subject").GetString().ShouldBe("Changed");
        template.GetProperty("channels").GetProperty("sms").GetProperty("body").GetString()!.ShouldContain("{{patient.name}}");
        template.GetProperty("placeholders").EnumerateArray().Select(p => p.GetString()).ShouldBe(["appointment.start", "patient.name"]);
        var list = await client.GetFromJsonAsync<JsonElement>(TemplatesPath);
        list.GetProperty("items").EnumerateArray().Select(t => t.GetProperty("key").GetString()).ShouldBe([key]);
    }

    [Fact]
    public async Task Templates_are_listed_in_key_order_a_page_at_a_time()
    {
        var client = app.ClientFor();
        string[] keys = ["a.first", "b.second", "c.third"];
        foreach (var key in keys.Reverse())
        {
            (await PutTemplateAsync(client, key)).StatusCode.ShouldBe(HttpStatusCode.Created);
        }

        var first = await client.GetFromJsonAsync<JsonElement>($"{TemplatesPath}?limit=2");
        var second = await client.GetFromJsonAsync<JsonElement>($"{TemplatesPath}?limit=2&cursor={first.GetProperty("nextCursor").GetString()}");

        first.GetProperty("items").EnumerateArray().Select(t => t.GetProperty("key").GetString()).ShouldBe(keys[..2]);
        second.GetProperty("items").EnumerateArray().Select(t => t.GetProperty("key").GetString()).ShouldBe(keys[2..]);
        second.GetProperty("nextCursor").ValueKind.ShouldBe(JsonValueKind.Null);
    }

    [Fact]
    public async Task Enqueuing_renders_the_template_and_answers_201_with_a_queued_notification()
    {
        var client = app.ClientFor();
        var key = await CreateTemplateAsync(client);
        var address = UniqueEmail();

        var response = await client.PostAsJsonAsync(NotificationsPath, Email(key, address));

        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        var notification = await response.Content.ReadFromJsonAsync<JsonElement>();
        var id = notification.GetProperty("id").GetGuid();
        response.Headers.Location!.ToString().ShouldBe($"{NotificationsPath}/{id}");
        notification.GetProperty("status").GetString().ShouldBe("queued");
        notification.GetProperty("attempts").GetInt32().ShouldBe(0);
        notification.GetProperty("recipient").GetProperty("address").GetString().ShouldBe(address);
        notification.GetProperty("recipient").GetProperty("kind").GetString().ShouldBe("email");
        notification.GetProperty("subject").GetString().ShouldBe("Appointment for Ann Smith");
        notification.GetProperty("body").GetString().ShouldBe("<p>Dear Ann Smith, see you at 2030-01-02 09:30.</p>");
        notification.GetProperty("nextAttemptAt").GetDateTimeOffset().ShouldBe(notification.GetProperty("createdAt").GetDateTimeOffset());
        (await GetAsync(client, id)).GetProperty("templateKey").GetString().ShouldBe(key);
    }

    [Fact]
    public async Task Reading_a_notification_is_audited_because_its_body_may_hold_patient_details()
    {
        var client = app.ClientFor();
        var key = await CreateTemplateAsync(client);
        var created = await (await client.PostAsJsonAsync(NotificationsPath, Email(key, UniqueEmail()))).Content.ReadFromJsonAsync<JsonElement>();
        var id = created.GetProperty("id").GetGuid();

        await GetAsync(client, id);

        var audit = await client.GetFromJsonAsync<JsonElement>($"/api/v1/audit?entityId={id}");
        audit.GetProperty("items").EnumerateArray().Select(r => r.GetProperty("action").GetString()).ShouldContain("read");
    }

    [Fact]
    public async Task Payload_values_are_HTML_escaped_in_email_bodies_and_never_evaluated_as_placeholders()
    {
        var client = app.ClientFor();
        var key = await CreateTemplateAsync(client);
        var payload = new { patient = new { name = "<script>alert('x')</script> & {{appointment.start}}" }, appointment = new { start = "9:30" } };

        var notification = await EnqueueAsync(client, Email(key, UniqueEmail(), payload));

        var body = notification.GetProperty("body").GetString()!;
        body.ShouldBe("<p>Dear &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; {{appointment.start}}, see you at 9:30.</p>");
        body.ShouldNotContain("<script>");
    }

    [Fact]
    public async Task SMS_bodies_are_plain_text_and_not_escaped()
    {
        var client = app.ClientFor();
        var key = await CreateTemplateAsync(client);

        var notification = await EnqueueAsync(client, new
        {
            recipient = new { kind = "phone", address = "+41791234567" },
            channel = "sms",
            templateKey = key,
            payload = Payload(name: "Tom & <Jerry>"),
        });

        notification.GetProperty("body").GetString().ShouldBe("Dear Tom & <Jerry>, see you at 2030-01-02 09:30.");
        notification.GetProperty("subject").ValueKind.ShouldBe(JsonValueKind.Null);
    }

    [Fact]
    public async Task Line_breaks_in_payload_values_never_reach_an_email_subject()
    {
        var client = app.ClientFor();
        var key = await CreateTemplateAsync(client);

        var notification = await EnqueueAsync(client, Email(key, UniqueEmail(), Payload(name: "Ann\r\nBcc: attacker@example.org\nX-Evil:\u2028yes")));

        var subject = notification.GetProperty("subject").GetString()!;
        subject.ShouldNotContain("\r");
        subject.ShouldNotContain("\n");
        subject.ShouldNotContain("\u2028");
        subject.ShouldBe("Appointment for Ann  Bcc: attacker@example.org X-Evil: yes");
    }

    [Fact]
    public async Task Missing_placeholder_values_answer_422_naming_each_and_queue_nothing()
    {
        var client = app.ClientFor();
        var key = await CreateTemplateAsync(client);
        var address = UniqueEmail();

        var response = await client.PostAsJsonAsync(NotificationsPath, Email(key, address, new { patient = new { name = (string?)null } }));

        var problem = await ProblemAssertions.ShouldBeProblemAsync(response, HttpStatusCode.UnprocessableEntity);
        ErrorKeys(problem).Order().ShouldBe(["payload.appointment.start", "payload.patient.name"]);
        var list = await client.GetFromJsonAsync<JsonElement>($"{NotificationsPath}?recipient={address}");
        list.GetProperty("items").GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task A_placeholder_whose_value_is_an_object_answers_422()
    {
        var client = app.ClientFor();
        var key = await CreateTemplateAsync(client);

        var response = await client.PostAsJsonAsync(NotificationsPath, Email(key, UniqueEmail(), new { patient = new { name = new { given = "Ann" } }, appointment = new { start = 1 } }));

        var problem = await ProblemAssertions.ShouldBeProblemAsync(response, HttpStatusCode.UnprocessableEntity);
        ErrorKeys(problem).ShouldBe(["payload.patient.name"]);
    }

    [Fact]
    public async Task An_unknown_template_key_answers_422_naming_templateKey()
    {
        var response = await app.ClientFor().PostAsJsonAsync(NotificationsPath, Email(UniqueKey("missing"), UniqueEmail()));

        var problem = await ProblemAssertions.ShouldBeProblemAsync(response, HttpStatusCode.UnprocessableEntity);
        ErrorKeys(problem).ShouldBe(["templateKey"]);
    }

    [Fact]
    public async Task A_template_without_content_for_the_channel_answers_422_naming_channel()
    {
        var client = app.ClientFor();
        var key = await CreateTemplateAsync(client, new { channels = new { sms = new { body = "Hi" } } });

        var response = await client.PostAsJsonAsync(NotificationsPath, Email(key, UniqueEmail()));

        var problem = await ProblemAssertions.ShouldBeProblemAsync(response, HttpStatusCode.UnprocessableEntity);
        ErrorKeys(problem).ShouldBe(["channel"]);
    }

    [Fact]
    public async Task Enqueuing_again_with_the_same_dedup_key_answers_200_with_the_first_notification()
    {
        var client = app.ClientFor();
        var key = await CreateTemplateAsync(client);
        var dedupKey = $"appointment:{Guid.CreateVersion7()}:reminder:24h";
        var first = await EnqueueAsync(client, Email(key, UniqueEmail(), dedupKey: dedupKey));

        var again = await client.PostAsJsonAsync(NotificationsPath, Email(key, UniqueEmail(), Payload(name: "Someone else"), dedupKey));

        again.StatusCode.ShouldBe(HttpStatusCode.OK);
        var second = await again.Content.ReadFromJsonAsync<JsonElement>();
        second.GetProperty("id").GetGuid().ShouldBe(first.GetProperty("id").GetGuid());
        second.GetProperty("body").GetString().ShouldBe(first.GetProperty("body").GetString());
        second.GetProperty("dedupKey").GetString().ShouldBe(dedupKey);
    }

    [Fact]
    public async Task The_same_dedup_key_in_another_tenant_is_a_different_notification()
    {
        var dedupKey = $"appointment:{Guid.CreateVersion7()}";
        var ids = new List<Guid>();
        foreach (var client in new[] { app.ClientFor(), app.ClientFor() })
        {
            var key = await CreateTemplateAsync(client);
            ids.Add((await EnqueueAsync(client, Email(key, UniqueEmail(), dedupKey: dedupKey))).GetProperty("id").GetGuid());
        }

        ids.Distinct().Count().ShouldBe(2);
    }

    [Fact]
    public async Task A_retry_with_the_same_Idempotency_Key_replays_the_first_response()
    {
        var client = app.ClientFor();
        var key = await CreateTemplateAsync(client);
        var request = Email(key, UniqueEmail());
        var idempotencyKey = Guid.NewGuid().ToString();

        var first = await SendWithKeyAsync(client, request, idempotencyKey);
        var retry = await SendWithKeyAsync(client, request, idempotencyKey);

        first.StatusCode.ShouldBe(HttpStatusCode.Created);
        retry.StatusCode.ShouldBe(HttpStatusCode.Created);
        retry.Headers.GetValues("Idempotent-Replayed").ShouldBe(["true"]);
        (await retry.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid()
            .ShouldBe((await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid());
    }

    [Fact]
    public async Task A_request_missing_its_fields_answers_400_naming_each()
    {
        var response = await app.ClientFor().PostAsJsonAsync(NotificationsPath, new { recipient = new { kind = "email" } });

        var problem = await ProblemAssertions.ShouldBeProblemAsync(response, HttpStatusCode.BadRequest);
        ErrorKeys(problem).Order().ShouldBe(["channel", "payload", "recipient.address", "templateKey"]);
    }

    [Theory]
    [InlineData("email", "email", "not-an-address", "recipient.address")]
    [InlineData("email", "email", "Ann <ann@example.org>", "recipient.address")]
    [InlineData("sms", "phone", "0791234567", "recipient.address")]
    [InlineData("push", "user", "not-a-uuid", "recipient.address")]
    [InlineData("sms", "email", "ann@example.org", "recipient.kind")]
    [InlineData("inApp", "phone", "+41791234567", "recipient.kind")]
    public async Task A_recipient_that_does_not_suit_the_channel_answers_400_naming_the_field(string channel, string kind, string address, string field)
    {
        var client = app.ClientFor();
        var key = await CreateTemplateAsync(client);

        var response = await client.PostAsJsonAsync(NotificationsPath, new { recipient = new { kind, address }, channel, templateKey = key, payload = Payload() });

        var problem = await ProblemAssertions.ShouldBeProblemAsync(response, HttpStatusCode.BadRequest);
        ErrorKeys(problem).ShouldBe([field]);
    }

    [Fact]
    public async Task An_in_app_recipient_must_be_a_user_of_the_tenant_another_tenants_or_an_unknown_one_answers_400_naming_the_address()
    {
        var client = app.ClientFor();
        var key = await CreateTemplateAsync(client);
        var own = await NewUserAsync(client);
        var foreign = await NewUserAsync(app.ClientFor());

        async Task<HttpResponseMessage> SendAsync(Guid user) =>
            await client.PostAsJsonAsync(NotificationsPath, new { recipient = new { kind = "user", address = user }, channel = "inApp", templateKey = key, payload = Payload() });

        (await SendAsync(own)).StatusCode.ShouldBe(HttpStatusCode.Created);
        foreach (var stranger in new[] { foreign, Guid.CreateVersion7() })
        {
            ErrorKeys(await ProblemAssertions.ShouldBeProblemAsync(await SendAsync(stranger), HttpStatusCode.BadRequest)).ShouldBe(["recipient.address"]);
        }
    }

    private static async Task<Guid> NewUserAsync(HttpClient admin)
    {
        var facility = await admin.PostAsJsonAsync("/api/v1/facilities", new { code = $"f{Guid.NewGuid():N}"[..10], name = "Main" });
        facility.StatusCode.ShouldBe(HttpStatusCode.Created, await facility.Content.ReadAsStringAsync());
        var facilityId = (await facility.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var user = await admin.PostAsJsonAsync("/api/v1/users", new
        {
            username = $"u{Guid.NewGuid():N}"[..20], displayName = "Nurse", password = "correct horse battery 9", roles = new[] { "Nurse" }, facilityIds = new[] { facilityId },
        });
        user.StatusCode.ShouldBe(HttpStatusCode.Created, await user.Content.ReadAsStringAsync());
        return (await user.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    [Theory]
    [InlineData("""{"recipient":{"kind":"email","address":"a@example.org"},"channel":"fax","templateKey":"k","payload":{}}""", "channel")]
    [InlineData("""{"recipient":{"kind":"pager","address":"a@example.org"},"channel":"email","templateKey":"k","payload":{}}""", "recipient.kind")]
    [InlineData("""{"recipient":{"kind":"email","address":"a@example.org"},"channel":"email","templateKey":"k","payload":[1]}""", "payload")]
    [InlineData("""{"recipient":{"kind":"email","address":"a@example.org"},"channel":"email","templateKey":"bad key!","payload":{}}""", "templateKey")]
    public async Task Malformed_values_answer_400_naming_the_field(string json, string field)
    {
        var response = await app.ClientFor().PostAsync(NotificationsPath, new StringContent(json, Encoding.UTF8, "application/json"));

        var problem = await ProblemAssertions.ShouldBeProblemAsync(response, HttpStatusCode.BadRequest);
        ErrorKeys(problem).ShouldBe([field]);
    }

    [Theory]
    [InlineData("""{"channels":{}}""", "channels")]
    [InlineData("""{"channels":{"email":{"subject":"Hi","body":"Dear {{patient.name}"}}}""", "channels.email.body")]
    [InlineData("""{"channels":{"email":{"subject":"Hi {{ patient..name }}","body":"x"}}}""", "channels.email.subject")]
    [InlineData("""{"channels":{"email":{"subject":"Hi\r\nBcc: x@example.org","body":"x"}}}""", "channels.email.subject")]
    [InlineData("""{"channels":{"email":{"body":"x"}}}""", "channels.email.subject")]
    [InlineData("""{"channels":{"sms":{"body":"{{patient.name()}}"}}}""", "channels.sms.body")]
    public async Task Invalid_templates_answer_400_naming_the_field(string json, string field)
    {
        var response = await app.ClientFor().PutAsync($"{TemplatesPath}/{UniqueKey()}", new StringContent(json, Encoding.UTF8, "application/json"));

        var problem = await ProblemAssertions.ShouldBeProblemAsync(response, HttpStatusCode.BadRequest);
        ErrorKeys(problem).ShouldBe([field]);
    }

    [Fact]
    public async Task A_template_key_with_forbidden_characters_answers_400_naming_key()
    {
        var response = await PutTemplateAsync(app.ClientFor(), "bad~key");

        var problem = await ProblemAssertions.ShouldBeProblemAsync(response, HttpStatusCode.BadRequest);
        ErrorKeys(problem).ShouldBe(["key"]);
    }

    [Fact]
    public async Task Notifications_are_listed_newest_first_filtered_by_recipient_and_status()
    {
        var client = app.ClientFor();
        var key = await CreateTemplateAsync(client);
        var address = UniqueEmail();
        var older = (await EnqueueAsync(client, Email(key, address))).GetProperty("id").GetGuid();
        var newer = (await EnqueueAsync(client, Email(key, address))).GetProperty("id").GetGuid();
        await EnqueueAsync(client, Email(key, UniqueEmail()));

        var first = await client.GetFromJsonAsync<JsonElement>($"{NotificationsPath}?recipient={address}&status=queued&limit=1");
        var second = await client.GetFromJsonAsync<JsonElement>(
            $"{NotificationsPath}?recipient={address}&status=queued&limit=1&cursor={first.GetProperty("nextCursor").GetString()}");
        var sent = await client.GetFromJsonAsync<JsonElement>($"{NotificationsPath}?recipient={address}&status=sent");

        first.GetProperty("items").EnumerateArray().Select(n => n.GetProperty("id").GetGuid()).ShouldBe([newer]);
        second.GetProperty("items").EnumerateArray().Select(n => n.GetProperty("id").GetGuid()).ShouldBe([older]);
        second.GetProperty("nextCursor").ValueKind.ShouldBe(JsonValueKind.Null);
        sent.GetProperty("items").GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task An_unknown_status_filter_answers_400_naming_status()
    {
        var response = await app.ClientFor().GetAsync($"{NotificationsPath}?status=delivered");

        var problem = await ProblemAssertions.ShouldBeProblemAsync(response, HttpStatusCode.BadRequest);
        ErrorKeys(problem).ShouldBe(["status"]);
    }

    [Fact]
    public async Task Another_tenant_gets_404_for_a_notification_and_a_template_and_sees_neither_in_lists()
    {
        var owner = app.ClientFor();
        var other = app.ClientFor();
        var key = await CreateTemplateAsync(owner);
        var address = UniqueEmail();
        var id = (await EnqueueAsync(owner, Email(key, address))).GetProperty("id").GetGuid();

        await ProblemAssertions.ShouldBeProblemAsync(await other.GetAsync($"{NotificationsPath}/{id}"), HttpStatusCode.NotFound);
        await ProblemAssertions.ShouldBeProblemAsync(await other.GetAsync($"{TemplatesPath}/{key}"), HttpStatusCode.NotFound);
        (await other.GetFromJsonAsync<JsonElement>($"{NotificationsPath}?recipient={address}")).GetProperty("items").GetArrayLength().ShouldBe(0);
        (await other.GetFromJsonAsync<JsonElement>(TemplatesPath)).GetProperty("items").GetArrayLength().ShouldBe(0);
        var enqueue = await other.PostAsJsonAsync(NotificationsPath, Email(key, UniqueEmail()));
        ErrorKeys(await ProblemAssertions.ShouldBeProblemAsync(enqueue, HttpStatusCode.UnprocessableEntity)).ShouldBe(["templateKey"]);
    }

    [Fact]
    public async Task Another_tenant_putting_the_same_template_key_creates_its_own_and_changes_nothing_of_the_owners()
    {
        var owner = app.ClientFor();
        var key = await CreateTemplateAsync(owner);

        var theirs = await PutTemplateAsync(app.ClientFor(), key, new { channels = new { sms = new { body = "hijacked" } } });

        theirs.StatusCode.ShouldBe(HttpStatusCode.Created);
        var mine = await owner.GetFromJsonAsync<JsonElement>($"{TemplatesPath}/{key}");
        mine.GetProperty("version").GetInt32().ShouldBe(0);
        mine.GetProperty("channels").GetProperty("sms").GetProperty("body").GetString()!.ShouldNotContain("hijacked");
    }

    [Fact]
    public async Task Permissions_decide_who_reads_sends_and_manages_templates()
    {
        var tenant = Guid.CreateVersion7();
        var admin = app.ClientFor(tenant);
        var key = await CreateTemplateAsync(admin);
        var id = (await EnqueueAsync(admin, Email(key, UniqueEmail()))).GetProperty("id").GetGuid();
        HttpClient As(string roles) => HealthCoreApp.Authorize(app.CreateClient(), tenant, roles: roles);

        (await As("Receptionist").PostAsJsonAsync(NotificationsPath, Email(key, UniqueEmail()))).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await As("Nurse").GetAsync($"{NotificationsPath}/{id}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        await ProblemAssertions.ShouldBeProblemAsync(await As("Nurse").PostAsJsonAsync(NotificationsPath, Email(key, UniqueEmail())), HttpStatusCode.Forbidden);
        await ProblemAssertions.ShouldBeProblemAsync(await As("Pharmacist").GetAsync($"{NotificationsPath}/{id}"), HttpStatusCode.Forbidden);
        await ProblemAssertions.ShouldBeProblemAsync(await As("Pharmacist").GetAsync(TemplatesPath), HttpStatusCode.Forbidden);
        await ProblemAssertions.ShouldBeProblemAsync(await PutTemplateAsync(As("Receptionist"), UniqueKey()), HttpStatusCode.Forbidden);
        await ProblemAssertions.ShouldBeProblemAsync(await app.CreateClient().GetAsync(NotificationsPath), HttpStatusCode.Unauthorized);
    }

    private static async Task<HttpResponseMessage> SendWithKeyAsync(HttpClient client, object request, string idempotencyKey)
    {
        var message = new HttpRequestMessage(HttpMethod.Post, NotificationsPath) { Content = JsonContent.Create(request) };
        message.Headers.Add("Idempotency-Key", idempotencyKey);
        return await client.SendAsync(message);
    }
}

[Collection(NotificationsPostgresCollection.Name)]
public sealed class NotificationApiTests_on_Postgres(NotificationsPostgresApp app) : NotificationApiTests(app);

[Collection(NotificationsSqliteCollection.Name)]
public sealed class NotificationApiTests_on_Sqlite(NotificationsSqliteApp app) : NotificationApiTests(app);
