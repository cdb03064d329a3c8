using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using HealthCore.Modules.Identity.Contracts;
using HealthCore.Platform.Security;
using Microsoft.Extensions.DependencyInjection;
using static HealthCore.Tests.Modules.Identity.AdminTenant;

namespace HealthCore.Tests.Modules.Identity;

public abstract class ConfigTests(IdentityApp app)
{
    private static readonly EntityTagHeaderValue Unset = new("\"0\"");

    [Fact]
    public async Task A_tenant_that_never_changed_anything_reads_the_defaults_at_version_0()
    {
        var client = app.ClientFor();

        var response = await client.GetAsync("/api/v1/config");

        var config = await OkAsync(response);
        response.Headers.ETag!.Tag.ShouldBe("\"0\"");
        config.GetProperty("defaultSlotMinutes").GetInt32().ShouldBe(15);
        config.GetProperty("bookingHorizonDays").GetInt32().ShouldBe(90);
        config.GetProperty("lowStockThreshold").GetInt32().ShouldBe(10);
        config.GetProperty("mrnFormat").GetString().ShouldBe("MRN-{seq:000000}");
        config.GetProperty("timeZone").GetString().ShouldBe("UTC");
        config.GetProperty("currency").GetString().ShouldBe("USD");
        Features(config).ShouldBe(new Dictionary<string, bool>
        {
            ["appointmentReminders"] = true,
            ["labAutoVerification"] = false,
            ["onlineBooking"] = false,
            ["patientPortal"] = false,
            ["waitlistAutoPromotion"] = true,
        });
        config.GetProperty("version").GetInt32().ShouldBe(0);
    }

    [Fact]
    public async Task A_merge_patch_sets_what_it_names_keeps_the_rest_and_null_restores_a_default()
    {
        var client = app.ClientFor();

        var first = await PatchAsync(client, """{ "defaultSlotMinutes": 20, "currency": "EUR", "features": { "patientPortal": true } }""", Unset);
        var patched = await OkAsync(first);
        first.Headers.ETag!.Tag.ShouldBe("\"1\"");
        patched.GetProperty("defaultSlotMinutes").GetInt32().ShouldBe(20);
        patched.GetProperty("currency").GetString().ShouldBe("EUR");
        patched.GetProperty("bookingHorizonDays").GetInt32().ShouldBe(90);
        Features(patched)["patientPortal"].ShouldBeTrue();
        Features(patched)["appointmentReminders"].ShouldBeTrue();

        var second = await PatchAsync(client, """{ "defaultSlotMinutes": null, "mrnFormat": "H{seq:0000}/A", "features": { "patientPortal": null, "onlineBooking": true } }""", first.Headers.ETag);
        var reset = await OkAsync(second);
        second.Headers.ETag!.Tag.ShouldBe("\"2\"");
        reset.GetProperty("defaultSlotMinutes").GetInt32().ShouldBe(15);
        reset.GetProperty("currency").GetString().ShouldBe("EUR");
        reset.GetProperty("mrnFormat").GetString().ShouldBe("H{seq:0000}/A");
        Features(reset)["patientPortal"].ShouldBeFalse();
        Features(reset)["onlineBooking"].ShouldBeTrue();
        (await OkAsync(await client.GetAsync("/api/v1/config"))).GetRawText().ShouldBe(reset.GetRawText());

        var allFeatures = await OkAsync(await PatchAsync(client, """{ "features": null }""", second.Headers.ETag));
        Features(allFeatures)["onlineBooking"].ShouldBeFalse();
    }

    [Fact]
    public async Task The_merge_patch_media_type_is_accepted_and_an_empty_patch_changes_nothing()
    {
        var client = app.ClientFor();
        var request = new HttpRequestMessage(HttpMethod.Patch, "/api/v1/config")
        {
            Content = new StringContent("""{ "lowStockThreshold": 0 }""", Encoding.UTF8, "application/merge-patch+json"),
        };
        request.Headers.IfMatch.Add(Unset);

        var response = await client.SendAsync(request);

        (await OkAsync(response)).GetProperty("lowStockThreshold").GetInt32().ShouldBe(0);
        var empty = await PatchAsync(client, "{}", response.Headers.ETag);
        empty.Headers.ETag!.Tag.ShouldBe("\"1\"");
    }

    [Fact]
    public async Task Patching_needs_If_Match_and_a_stale_one_answers_412()
    {
        var client = app.ClientFor();
        (await client.SendAsync(Patch("""{ "bookingHorizonDays": 30 }""", Unset))).StatusCode.ShouldBe(HttpStatusCode.OK);

        await ProblemAssertions.ShouldBeProblemAsync(await PatchAsync(client, """{ "bookingHorizonDays": 60 }""", null), (HttpStatusCode)428);
        await ProblemAssertions.ShouldBeProblemAsync(await PatchAsync(client, """{ "bookingHorizonDays": 60 }""", Unset), HttpStatusCode.PreconditionFailed);
        (await OkAsync(await client.GetAsync("/api/v1/config"))).GetProperty("bookingHorizonDays").GetInt32().ShouldBe(30);
    }

    [Fact]
    public async Task Two_first_changes_racing_leave_one_winner_and_one_412()
    {
        var client = app.ClientFor();

        var responses = await Task.WhenAll(
            client.SendAsync(Patch("""{ "currency": "GBP" }""", Unset)),
            client.SendAsync(Patch("""{ "currency": "JPY" }""", Unset)));

        responses.Select(r => r.StatusCode).Order().ShouldBe([HttpStatusCode.OK, HttpStatusCode.PreconditionFailed]);
        var winner = await OkAsync(responses.Single(r => r.StatusCode == HttpStatusCode.OK));
        (await OkAsync(await client.GetAsync("/api/v1/config"))).GetProperty("currency").GetString().ShouldBe(winner.GetProperty("currency").GetString());
    }

    [Theory]
    [InlineData("""{ "defaultSlotMinutes": 4 }""", "defaultSlotMinutes")]
    [InlineData("""{ "defaultSlotMinutes": 241 }""", "defaultSlotMinutes")]
    [InlineData("""{ "defaultSlotMinutes": 15.5 }""", "defaultSlotMinutes")]
    [InlineData("""{ "defaultSlotMinutes": "fifteen" }""", "defaultSlotMinutes")]
    [InlineData("""{ "defaultSlotMinutes": "240" }""", "defaultSlotMinutes")]
    [InlineData("""{ "defaultSlotMinutes": true }""", "defaultSlotMinutes")]
    [InlineData("""{ "defaultSlotMinutes": 99999999999 }""", "defaultSlotMinutes")]
    [InlineData("""{ "bookingHorizonDays": 0 }""", "bookingHorizonDays")]
    [InlineData("""{ "bookingHorizonDays": 731 }""", "bookingHorizonDays")]
    [InlineData("""{ "lowStockThreshold": -1 }""", "lowStockThreshold")]
    [InlineData("""{ "mrnFormat": "MRN-" }""", "mrnFormat")]
    [InlineData("""{ "mrnFormat": "{seq:000}-{seq:00}" }""", "mrnFormat")]
    [InlineData("""{ "mrnFormat": "{seq:}" }""", "mrnFormat")]
    [InlineData("""{ "mrnFormat": "{year}-{seq:0000}" }""", "mrnFormat")]
    [InlineData("""{ "mrnFormat": "A{seq:0000000000000000000}" }""", "mrnFormat")]
    [InlineData("""{ "mrnFormat": 12 }""", "mrnFormat")]
    [InlineData("""{ "timeZone": "Mars/Olympus_Mons" }""", "timeZone")]
    [InlineData("""{ "timeZone": "Pacific Standard Time" }""", "timeZone")]
    [InlineData("""{ "currency": "usd" }""", "currency")]
    [InlineData("""{ "currency": "XYZ" }""", "currency")]
    [InlineData("""{ "currency": "EURO" }""", "currency")]
    [InlineData("""{ "features": { "teleportation": true } }""", "features.teleportation")]
    [InlineData("""{ "features": { "patientPortal": "yes" } }""", "features.patientPortal")]
    [InlineData("""{ "features": [ "patientPortal" ] }""", "features")]
    [InlineData("""{ "colour": "blue" }""", "colour")]
    [InlineData("""{ "DefaultSlotMinutes": 20 }""", "DefaultSlotMinutes")]
    [InlineData("""{ "version": 3 }""", "version")]
    [InlineData("""[ { "op": "replace" } ]""", "$")]
    public async Task An_unknown_key_or_invalid_value_answers_400_naming_it_and_changes_nothing(string patch, string field)
    {
        var client = app.ClientFor();
        var valid = """{ "currency": "CHF", "defaultSlotMinutes": 30 }""";
        var combined = patch.StartsWith('{') ? valid.TrimEnd('}') + ", " + patch.TrimStart('{') : patch;

        var response = await PatchAsync(client, combined, Unset);

        (await ErrorFieldsAsync(response)).ShouldBe([field]);
        var config = await OkAsync(await client.GetAsync("/api/v1/config"));
        config.GetProperty("version").GetInt32().ShouldBe(0);
        config.GetProperty("currency").GetString().ShouldBe("USD", "a patch with one bad member changes nothing");
    }

    [Theory]
    [InlineData("""{ "timeZone": "UTC" }""")]
    [InlineData("""{ "timeZone": "Etc/GMT+5" }""")]
    [InlineData("""{ "timeZone": "America/Argentina/Buenos_Aires" }""")]
    [InlineData("""{ "defaultSlotMinutes": 5, "bookingHorizonDays": 730, "lowStockThreshold": 0 }""")]
    [InlineData("""{ "mrnFormat": "{seq:0}" }""")]
    [InlineData("""{ "mrnFormat": "SMH/{seq:000000000000000000}/2026" }""")]
    [InlineData("""{ "currency": "JPY", "features": { "appointmentReminders": false, "waitlistAutoPromotion": false } }""")]
    public async Task Boundary_and_unusual_but_valid_values_are_accepted(string patch)
    {
        var response = await PatchAsync(app.ClientFor(), patch, Unset);

        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        response.Headers.ETag!.Tag.ShouldBe("\"1\"");
    }

    [Theory]
    [InlineData("")]
    [InlineData("{ \"currency\": ")]
    [InlineData("not json")]
    public async Task A_body_that_is_not_json_answers_400(string body)
    {
        var response = await PatchAsync(app.ClientFor(), body, Unset);

        await ProblemAssertions.ShouldBeProblemAsync(response, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Configuration_changes_are_audited_with_before_and_after_values()
    {
        var tenant = Guid.CreateVersion7();
        var client = app.ClientFor(tenant);
        var first = await PatchAsync(client, """{ "timeZone": "Asia/Tokyo", "features": { "patientPortal": true } }""", Unset);
        (await PatchAsync(client, """{ "timeZone": "Europe/Berlin" }""", first.Headers.ETag)).StatusCode.ShouldBe(HttpStatusCode.OK);

        var records = (await client.GetFromJsonAsync<JsonElement>("/api/v1/audit?entityType=TenantConfiguration")).GetProperty("items").EnumerateArray().ToList();

        records.Select(r => r.GetProperty("action").GetString()).ShouldBe(["update", "create"]);
        Change(records[1], "timeZone").GetProperty("after").GetString().ShouldBe("Asia/Tokyo");
        Change(records[1], "features").GetProperty("after").GetProperty("patientPortal").GetBoolean().ShouldBeTrue();
        Change(records[0], "timeZone").GetProperty("before").GetString().ShouldBe("Asia/Tokyo");
        Change(records[0], "timeZone").GetProperty("after").GetString().ShouldBe("Europe/Berlin");
        records[0].GetProperty("changes").EnumerateArray().Select(c => c.GetProperty("field").GetString()).ShouldNotContain("features");
        await AuditVerifiesAsync(client);
    }

    [Fact]
    public async Task Every_role_may_read_the_configuration_but_only_config_write_may_change_it()
    {
        var tenant = Guid.CreateVersion7();
        foreach (var role in Roles.All.Where(r => r is not (Roles.Admin or Roles.PlatformAdmin)))
        {
            var client = HealthCoreApp.Authorize(app.CreateClient(), tenant, roles: role);
            (await client.GetAsync("/api/v1/config")).StatusCode.ShouldBe(HttpStatusCode.OK, role);
            await ProblemAssertions.ShouldBeProblemAsync(await PatchAsync(client, """{ "currency": "EUR" }""", Unset), HttpStatusCode.Forbidden);
        }

        await ProblemAssertions.ShouldBeProblemAsync(await app.Anonymous().GetAsync("/api/v1/config"), HttpStatusCode.Unauthorized);
        (await OkAsync(await app.ClientFor(tenant).GetAsync("/api/v1/config"))).GetProperty("version").GetInt32().ShouldBe(0);
    }

    [Fact]
    public async Task Another_tenant_never_sees_or_changes_a_tenants_configuration()
    {
        var owner = app.ClientFor();
        var other = app.ClientFor();
        var mine = await PatchAsync(owner, """{ "currency": "NOK" }""", Unset);
        mine.StatusCode.ShouldBe(HttpStatusCode.OK);

        (await OkAsync(await other.GetAsync("/api/v1/config"))).GetProperty("currency").GetString().ShouldBe("USD");
        (await PatchAsync(other, """{ "currency": "SEK" }""", Unset)).StatusCode.ShouldBe(HttpStatusCode.OK, "the other tenant has its own row");

        (await OkAsync(await owner.GetAsync("/api/v1/config"))).GetProperty("currency").GetString().ShouldBe("NOK");
    }

    [Fact]
    public async Task Other_modules_read_the_current_tenants_settings_through_ITenantSettings()
    {
        var tenant = Guid.CreateVersion7();
        (await PatchAsync(app.ClientFor(tenant), """{ "defaultSlotMinutes": 45, "mrnFormat": "P-{seq:00000}", "features": { "onlineBooking": true } }""", Unset))
            .StatusCode.ShouldBe(HttpStatusCode.OK);

        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentTenant>().ActAs(tenant, null);
        var settings = await scope.ServiceProvider.GetRequiredService<ITenantSettings>().GetAsync(CancellationToken.None);

        settings.DefaultSlotMinutes.ShouldBe(45);
        settings.BookingHorizonDays.ShouldBe(90);
        settings.MrnFormat.ShouldBe("P-{seq:00000}");
        MrnFormats.Apply(settings.MrnFormat, 42).ShouldBe("P-00042");
        MrnFormats.Apply(settings.MrnFormat, 1234567).ShouldBe("P-1234567");
        settings.Features[FeatureToggles.OnlineBooking].ShouldBeTrue();
        settings.Features[FeatureToggles.AppointmentReminders].ShouldBeTrue();
    }

    private static Dictionary<string, bool> Features(JsonElement config) =>
        config.GetProperty("features").EnumerateObject().ToDictionary(f => f.Name, f => f.Value.GetBoolean());

    private static HttpRequestMessage Patch(string json, EntityTagHeaderValue? ifMatch)
    {
        var request = new HttpRequestMessage(HttpMethod.Patch, "/api/v1/config") { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        if (ifMatch is not null)
        {
            request.Headers.IfMatch.Add(ifMatch);
        }

        return request;
    }

    private static Task<HttpResponseMessage> PatchAsync(HttpClient client, string json, EntityTagHeaderValue? ifMatch) =>
        client.SendAsync(Patch(json, ifMatch));
}

[Collection(IdentityPostgresCollection.Name)]
public sealed class ConfigTests_on_Postgres(IdentityPostgresApp app) : ConfigTests(app);

[Collection(IdentitySqliteCollection.Name)]
public sealed class ConfigTests_on_Sqlite(IdentitySqliteApp app) : ConfigTests(app);
