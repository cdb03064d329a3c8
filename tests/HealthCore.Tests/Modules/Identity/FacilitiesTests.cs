using System.Net.Http.Headers;
using System.Text.Json;
using HealthCore.Modules.Identity.Contracts;
using static HealthCore.Tests.Modules.Identity.AdminTenant;

namespace HealthCore.Tests.Modules.Identity;

public abstract class FacilitiesTests(IdentityApp app)
{
    [Fact]
    public async Task Creating_a_facility_answers_201_with_location_etag_and_the_stored_fields()
    {
        var tenant = await StartAsync(app);
        var request = NewFacility();
        request["code"] = $"West-Wing.{Guid.NewGuid():N}"[..30];

        var response = await tenant.Admin.PostAsJsonAsync("/api/v1/facilities", request);

        var created = await CreatedAsync(response);
        var id = created.GetProperty("id").GetGuid();
        response.Headers.Location!.ToString().ShouldBe($"/api/v1/facilities/{id}");
        created.GetProperty("code").GetString().ShouldBe(((string)request["code"]!).ToLowerInvariant(), "codes compare in lower case");
        created.GetProperty("name").GetString().ShouldBe("North Wing");
        created.GetProperty("address").GetString().ShouldBe("1 Hospital Road, Leeds");
        created.GetProperty("phone").GetString().ShouldBe("+44 113 496 0000");
        created.GetProperty("timeZone").GetString().ShouldBe("Europe/London");
        created.GetProperty("active").GetBoolean().ShouldBeTrue();
        created.GetProperty("version").GetInt32().ShouldBe(0);
    }

    [Fact]
    public async Task A_facility_without_a_time_zone_gets_the_tenants_configured_one()
    {
        var tenant = await StartAsync(app);
        var utc = await tenant.Admin.PostAsJsonAsync("/api/v1/facilities", new { code = Unique("a"), name = "Annex" });
        (await CreatedAsync(utc)).GetProperty("timeZone").GetString().ShouldBe("UTC");
        var configure = Request(HttpMethod.Patch, "/api/v1/config", new { timeZone = "Africa/Nairobi" }, new EntityTagHeaderValue("\"0\""));
        (await tenant.Admin.SendAsync(configure)).StatusCode.ShouldBe(HttpStatusCode.OK);

        var nairobi = await tenant.Admin.PostAsJsonAsync("/api/v1/facilities", new { code = Unique("b"), name = "Annex B" });

        (await CreatedAsync(nairobi)).GetProperty("timeZone").GetString().ShouldBe("Africa/Nairobi");
    }

    [Theory]
    [InlineData("code", "\"-starts-with-dash\"", "code")]
    [InlineData("code", "\"has space\"", "code")]
    [InlineData("code", "null", "code")]
    [InlineData("name", "\"\"", "name")]
    [InlineData("name", "null", "name")]
    [InlineData("timeZone", "\"Mars/Olympus_Mons\"", "timeZone")]
    [InlineData("timeZone", "\"Eastern Standard Time\"", "timeZone")]
    [InlineData("timeZone", "\"../../etc/passwd\"", "timeZone")]
    [InlineData("timeZone", "42", "timeZone")]
    [InlineData("phone", "\"call reception\"", "phone")]
    [InlineData("address", "\"LONG\"", "address")]
    [InlineData("beds", "12", "beds")]
    public async Task Invalid_facility_fields_answer_400_naming_the_field(string member, string json, string field)
    {
        var tenant = await StartAsync(app);
        var body = NewFacility();
        body[member] = json == "\"LONG\"" ? new string('x', 501) : JsonDocument.Parse(json).RootElement;

        var response = await tenant.Admin.PostAsJsonAsync("/api/v1/facilities", body);

        (await ErrorFieldsAsync(response)).ShouldContain(field);
        (await tenant.Admin.GetFromJsonAsync<JsonElement>("/api/v1/facilities")).GetProperty("items").GetArrayLength().ShouldBe(1, "only the seeded facility");
    }

    [Fact]
    public async Task A_facility_code_is_unique_per_tenant_without_regard_to_case()
    {
        var tenant = await StartAsync(app);
        var code = Unique("dup");
        await tenant.CreateFacilityAsync(code);

        var duplicate = await tenant.Admin.PostAsJsonAsync("/api/v1/facilities", NewFacility(code.ToUpperInvariant()));

        await ProblemAssertions.ShouldBeProblemAsync(duplicate, HttpStatusCode.Conflict);
        await (await StartAsync(app)).CreateFacilityAsync(code);
    }

    [Fact]
    public async Task Reading_a_facility_returns_its_etag_and_an_unknown_id_answers_404()
    {
        var tenant = await StartAsync(app);

        var response = await tenant.Admin.GetAsync($"/api/v1/facilities/{tenant.FacilityId}");

        var facility = await OkAsync(response);
        response.Headers.ETag!.Tag.ShouldBe("\"0\"");
        facility.GetProperty("code").GetString().ShouldBe("north");
        facility.GetProperty("timeZone").GetString().ShouldBe("UTC");
        await ProblemAssertions.ShouldBeProblemAsync(await tenant.Admin.GetAsync($"/api/v1/facilities/{Guid.CreateVersion7()}"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Listing_facilities_pages_with_a_cursor_and_rejects_a_forged_one()
    {
        var tenant = await StartAsync(app);
        var ids = new List<Guid> { tenant.FacilityId };
        for (var i = 0; i < 2; i++)
        {
            ids.Add((await tenant.CreateFacilityAsync()).GetProperty("id").GetGuid());
        }

        var first = await tenant.Admin.GetFromJsonAsync<JsonElement>("/api/v1/facilities?limit=2");
        var second = await tenant.Admin.GetFromJsonAsync<JsonElement>($"/api/v1/facilities?limit=2&cursor={first.GetProperty("nextCursor").GetString()}");

        first.GetProperty("items").EnumerateArray().Concat(second.GetProperty("items").EnumerateArray())
            .Select(f => f.GetProperty("id").GetGuid()).ShouldBe(ids);
        second.GetProperty("nextCursor").ValueKind.ShouldBe(JsonValueKind.Null);
        (await ErrorFieldsAsync(await tenant.Admin.GetAsync("/api/v1/facilities?cursor=Zm9yZ2Vk"))).ShouldBe(["cursor"]);
        (await ErrorFieldsAsync(await tenant.Admin.GetAsync("/api/v1/facilities?limit=500"))).ShouldBe(["limit"]);
    }

    [Fact]
    public async Task Updating_a_facility_needs_a_current_If_Match_and_applies_only_the_fields_sent()
    {
        var tenant = await StartAsync(app);
        var id = (await tenant.CreateFacilityAsync()).GetProperty("id").GetGuid();
        var url = $"/api/v1/facilities/{id}";
        var change = new { name = "South Wing", phone = "", timeZone = "America/New_York", active = false };

        await ProblemAssertions.ShouldBeProblemAsync(await tenant.Admin.SendAsync(Request(HttpMethod.Patch, url, change)), (HttpStatusCode)428);
        await ProblemAssertions.ShouldBeProblemAsync(
            await tenant.Admin.SendAsync(Request(HttpMethod.Patch, url, change, new EntityTagHeaderValue("\"3\""))), HttpStatusCode.PreconditionFailed);
        var response = await tenant.Admin.SendAsync(Request(HttpMethod.Patch, url, change, new EntityTagHeaderValue("\"0\"")));

        var updated = await OkAsync(response);
        response.Headers.ETag!.Tag.ShouldBe("\"1\"");
        updated.GetProperty("name").GetString().ShouldBe("South Wing");
        updated.GetProperty("phone").ValueKind.ShouldBe(JsonValueKind.Null, "an empty phone clears it");
        updated.GetProperty("address").GetString().ShouldBe("1 Hospital Road, Leeds", "an omitted field stays");
        updated.GetProperty("timeZone").GetString().ShouldBe("America/New_York");
        updated.GetProperty("active").GetBoolean().ShouldBeFalse();
        (await OkAsync(await tenant.Admin.GetAsync(url))).GetRawText().ShouldBe(updated.GetRawText());
        await ProblemAssertions.ShouldBeProblemAsync(
            await tenant.Admin.SendAsync(Request(HttpMethod.Patch, url, new { name = "Stale" }, new EntityTagHeaderValue("\"0\""))), HttpStatusCode.PreconditionFailed);
    }

    [Theory]
    [InlineData("{\"code\":\"renamed\"}", "code")]
    [InlineData("{\"timeZone\":\"Not/AZone\"}", "timeZone")]
    [InlineData("{\"name\":\"   \"}", "name")]
    [InlineData("{\"active\":\"yes\"}", "active")]
    [InlineData("{\"phone\":\"dial 0\"}", "phone")]
    [InlineData("{\"name\":null}", "name")]
    [InlineData("{\"active\":null}", "active")]
    [InlineData("{\"unknown\":1}", "unknown")]
    public async Task An_invalid_facility_update_answers_400_naming_the_field_and_changes_nothing(string json, string field)
    {
        var tenant = await StartAsync(app);
        var url = $"/api/v1/facilities/{tenant.FacilityId}";
        var request = new HttpRequestMessage(HttpMethod.Patch, url) { Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json") };
        request.Headers.IfMatch.Add(new EntityTagHeaderValue("\"0\""));

        var response = await tenant.Admin.SendAsync(request);

        (await ErrorFieldsAsync(response)).ShouldBe([field]);
        (await OkAsync(await tenant.Admin.GetAsync(url))).GetProperty("version").GetInt32().ShouldBe(0);
    }

    [Fact]
    public async Task A_merge_patch_null_clears_a_facilitys_address_and_phone_and_restores_the_tenants_time_zone()
    {
        var tenant = await StartAsync(app);
        var id = (await tenant.CreateFacilityAsync()).GetProperty("id").GetGuid();
        var url = $"/api/v1/facilities/{id}";
        var zoned = await tenant.Admin.SendAsync(Request(HttpMethod.Patch, url, new { timeZone = "America/New_York", phone = "0113 000" }, new EntityTagHeaderValue("\"0\"")));
        (await OkAsync(zoned)).GetProperty("timeZone").GetString().ShouldBe("America/New_York");

        var cleared = await OkAsync(await tenant.Admin.SendAsync(
            Request(HttpMethod.Patch, url, new { address = (string?)null, phone = (string?)null, timeZone = (string?)null }, new EntityTagHeaderValue("\"1\""))));

        cleared.GetProperty("address").ValueKind.ShouldBe(JsonValueKind.Null);
        cleared.GetProperty("phone").ValueKind.ShouldBe(JsonValueKind.Null);
        cleared.GetProperty("timeZone").GetString().ShouldBe("UTC", "null restores the tenant's time zone");
        cleared.GetProperty("name").GetString().ShouldNotBeNullOrEmpty("an omitted field stays");
    }

    [Fact]
    public async Task Every_staff_role_may_read_facilities_but_only_facilities_write_may_change_them()
    {
        var tenant = await StartAsync(app);
        var url = $"/api/v1/facilities/{tenant.FacilityId}";
        foreach (var role in Roles.All.Where(r => r is not (Roles.Admin or Roles.PlatformAdmin)))
        {
            var client = tenant.As(role);
            (await client.GetAsync("/api/v1/facilities")).StatusCode.ShouldBe(HttpStatusCode.OK, role);
            (await client.GetAsync(url)).StatusCode.ShouldBe(HttpStatusCode.OK, role);
            await ProblemAssertions.ShouldBeProblemAsync(await client.PostAsJsonAsync("/api/v1/facilities", NewFacility()), HttpStatusCode.Forbidden);
            await ProblemAssertions.ShouldBeProblemAsync(
                await client.SendAsync(Request(HttpMethod.Patch, url, new { name = role }, new EntityTagHeaderValue("\"0\""))), HttpStatusCode.Forbidden);
        }

        await ProblemAssertions.ShouldBeProblemAsync(await tenant.As(Roles.PlatformAdmin).GetAsync("/api/v1/facilities"), HttpStatusCode.Forbidden);
        (await OkAsync(await tenant.Admin.GetAsync(url))).GetProperty("version").GetInt32().ShouldBe(0);
    }

    [Fact]
    public async Task Another_tenant_gets_404_for_a_facility_and_changes_nothing()
    {
        var tenant = await StartAsync(app);
        var id = (await tenant.CreateFacilityAsync()).GetProperty("id").GetGuid();
        var url = $"/api/v1/facilities/{id}";
        var other = await StartAsync(app);

        await TenantIsolation.Between(tenant.Admin, other.Admin)
            .Watching(url)
            .Get(url)
            .Patch(url, new { name = "Taken over", active = false })
            .ListWithout("/api/v1/facilities", id)
            .ListWithout($"/api/v1/audit?entityId={id}", id)
            .ShouldHoldAsync();
    }

    [Fact]
    public async Task Facility_writes_are_audited_with_before_and_after_values()
    {
        var tenant = await StartAsync(app);
        var id = (await tenant.CreateFacilityAsync()).GetProperty("id").GetGuid();
        var patch = Request(HttpMethod.Patch, $"/api/v1/facilities/{id}", new { name = "Renamed Wing", active = false }, new EntityTagHeaderValue("\"0\""));
        (await tenant.Admin.SendAsync(patch)).StatusCode.ShouldBe(HttpStatusCode.OK);

        var records = await AuditOfAsync(tenant.Admin, id);

        records.Select(r => r.GetProperty("action").GetString()).ShouldBe(["update", "create"]);
        records.ShouldAllBe(r => r.GetProperty("entityType").GetString() == "Facility");
        Change(records[1], "timeZone").GetProperty("after").GetString().ShouldBe("Europe/London");
        Change(records[0], "name").GetProperty("before").GetString().ShouldBe("North Wing");
        Change(records[0], "name").GetProperty("after").GetString().ShouldBe("Renamed Wing");
        Change(records[0], "active").GetProperty("before").GetBoolean().ShouldBeTrue();
        Change(records[0], "active").GetProperty("after").GetBoolean().ShouldBeFalse();
        await AuditVerifiesAsync(tenant.Admin);
    }
}

[Collection(IdentityPostgresCollection.Name)]
public sealed class FacilitiesTests_on_Postgres(IdentityPostgresApp app) : FacilitiesTests(app);

[Collection(IdentitySqliteCollection.Name)]
public sealed class FacilitiesTests_on_Sqlite(IdentitySqliteApp app) : FacilitiesTests(app);
