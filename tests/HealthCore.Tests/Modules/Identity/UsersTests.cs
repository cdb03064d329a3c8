using System.Net.Http.Headers;
using System.Text.Json;
using HealthCore.Modules.Identity.Contracts;
using HealthCore.Platform.Database;
using static HealthCore.Tests.Modules.Identity.AdminTenant;

namespace HealthCore.Tests.Modules.Identity;

public abstract class UsersTests(IdentityApp app)
{
    [Fact]
    public async Task Creating_a_user_answers_201_with_location_and_etag_and_no_secret_and_the_user_can_sign_in()
    {
        var tenant = await StartAsync(app);
        var request = NewUser(tenant.FacilityId, Roles.Doctor, Roles.Nurse);

        var response = await tenant.Admin.PostAsJsonAsync("/api/v1/users", request);

        var created = await CreatedAsync(response);
        var id = created.GetProperty("id").GetGuid();
        response.Headers.Location!.ToString().ShouldBe($"/api/v1/users/{id}");
        response.Headers.ETag!.Tag.ShouldBe("\"0\"");
        created.GetProperty("username").GetString().ShouldBe((string)request["username"]!);
        created.GetProperty("roles").EnumerateArray().Select(r => r.GetString()).ShouldBe([Roles.Doctor, Roles.Nurse]);
        created.GetProperty("facilityIds").EnumerateArray().Select(f => f.GetGuid()).ShouldBe([tenant.FacilityId]);
        created.GetProperty("active").GetBoolean().ShouldBeTrue();
        var raw = created.GetRawText();
        raw.ShouldNotContain("password", Case.Insensitive);
        raw.ShouldNotContain("securityStamp", Case.Insensitive);
        var tokens = await tenant.LoginAsync(created);
        var me = await OkAsync(await app.Bearer(tokens.AccessToken).GetAsync("/api/v1/me"));
        me.GetProperty("user").GetProperty("id").GetGuid().ShouldBe(id);
    }

    [Fact]
    public async Task Usernames_are_unique_per_tenant_without_regard_to_case_but_may_repeat_across_tenants()
    {
        var tenant = await StartAsync(app);
        var first = NewUser(tenant.FacilityId);
        await CreatedAsync(await tenant.Admin.PostAsJsonAsync("/api/v1/users", first));
        var again = NewUser(tenant.FacilityId);
        again["username"] = ((string)first["username"]!).ToUpperInvariant();

        var duplicate = await tenant.Admin.PostAsJsonAsync("/api/v1/users", again);

        await ProblemAssertions.ShouldBeProblemAsync(duplicate, HttpStatusCode.Conflict);
        var other = await StartAsync(app);
        var elsewhere = NewUser(other.FacilityId);
        elsewhere["username"] = first["username"];
        await CreatedAsync(await other.Admin.PostAsJsonAsync("/api/v1/users", elsewhere));
    }

    [Theory]
    [InlineData("roles", "[\"Surgeon\"]", "roles")]
    [InlineData("roles", "[]", "roles")]
    [InlineData("roles", "null", "roles")]
    [InlineData("password", "\"short-one\"", "password")]
    [InlineData("password", "\"password1234\"", "password")]
    [InlineData("username", "\"has space\"", "username")]
    [InlineData("username", "\"\"", "username")]
    [InlineData("displayName", "null", "displayName")]
    [InlineData("facilityIds", "[]", "facilityIds")]
    [InlineData("facilityIds", "[\"not-a-guid\"]", "facilityIds[0]")]
    [InlineData("facilityIds", "\"unknown\"", "facilityIds")]
    [InlineData("colour", "\"blue\"", "colour")]
    public async Task Invalid_user_fields_answer_400_naming_the_field(string member, string json, string field)
    {
        var tenant = await StartAsync(app);
        var body = NewUser(tenant.FacilityId);
        var unknownFacility = Guid.CreateVersion7();
        body[member] = json == "\"unknown\"" ? new[] { unknownFacility } : JsonDocument.Parse(json).RootElement;

        var response = await tenant.Admin.PostAsJsonAsync("/api/v1/users", body);

        (await ErrorFieldsAsync(response)).ShouldContain(field);
        (await tenant.Admin.GetFromJsonAsync<JsonElement>("/api/v1/users")).GetProperty("items").GetArrayLength().ShouldBe(1, "only the seeded admin");
    }

    [Fact]
    public async Task A_facility_of_another_tenant_or_an_inactive_one_is_refused_naming_facilityIds()
    {
        var tenant = await StartAsync(app);
        var other = await StartAsync(app);
        var inactive = await tenant.CreateFacilityAsync();
        var deactivate = Request(HttpMethod.Patch, $"/api/v1/facilities/{inactive.GetProperty("id").GetGuid()}", new { active = false }, new EntityTagHeaderValue("\"0\""));
        (await tenant.Admin.SendAsync(deactivate)).StatusCode.ShouldBe(HttpStatusCode.OK);

        (await ErrorFieldsAsync(await tenant.Admin.PostAsJsonAsync("/api/v1/users", NewUser(other.FacilityId)))).ShouldBe(["facilityIds"]);
        (await ErrorFieldsAsync(await tenant.Admin.PostAsJsonAsync("/api/v1/users", NewUser(inactive.GetProperty("id").GetGuid())))).ShouldBe(["facilityIds"]);
    }

    [Fact]
    public async Task Role_names_are_matched_without_regard_to_case_and_stored_canonically()
    {
        var tenant = await StartAsync(app);

        var created = await CreatedAsync(await tenant.Admin.PostAsJsonAsync("/api/v1/users", NewUser(tenant.FacilityId, "labtechnician", "NURSE", "Nurse")));

        created.GetProperty("roles").EnumerateArray().Select(r => r.GetString()).ShouldBe([Roles.LabTechnician, Roles.Nurse]);
    }

    [Fact]
    public async Task Only_a_platform_administrator_may_grant_or_change_the_PlatformAdmin_role()
    {
        var tenant = await StartAsync(app);
        var platformAdmin = tenant.As($"{Roles.Admin},{Roles.PlatformAdmin}");

        await ProblemAssertions.ShouldBeProblemAsync(
            await tenant.Admin.PostAsJsonAsync("/api/v1/users", NewUser(tenant.FacilityId, Roles.PlatformAdmin)), HttpStatusCode.Forbidden);
        var operatorUser = await CreatedAsync(await platformAdmin.PostAsJsonAsync("/api/v1/users", NewUser(tenant.FacilityId, Roles.Admin, Roles.PlatformAdmin)));
        var id = operatorUser.GetProperty("id").GetGuid();
        var doctor = (await tenant.CreateUserAsync(Roles.Doctor)).GetProperty("id").GetGuid();

        await ProblemAssertions.ShouldBeProblemAsync(
            await tenant.Admin.PostAsJsonAsync($"/api/v1/users/{id}/roles", new { roles = new[] { Roles.Admin } }), HttpStatusCode.Forbidden);
        await ProblemAssertions.ShouldBeProblemAsync(
            await tenant.Admin.PostAsJsonAsync($"/api/v1/users/{doctor}/roles", new { roles = new[] { Roles.PlatformAdmin } }), HttpStatusCode.Forbidden);
        await ProblemAssertions.ShouldBeProblemAsync(await tenant.Admin.PostAsync($"/api/v1/users/{id}/deactivate", null), HttpStatusCode.Forbidden);
        (await platformAdmin.PostAsJsonAsync($"/api/v1/users/{id}/roles", new { roles = new[] { Roles.Admin } })).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await OkAsync(await tenant.Admin.GetAsync($"/api/v1/users/{id}"))).GetProperty("roles").EnumerateArray().Select(r => r.GetString()).ShouldBe([Roles.Admin]);
    }

    [Fact]
    public async Task Reading_a_user_returns_an_etag_and_never_a_password_hash_and_an_unknown_id_answers_404()
    {
        var tenant = await StartAsync(app);
        var id = (await tenant.CreateUserAsync()).GetProperty("id").GetGuid();

        var response = await tenant.Admin.GetAsync($"/api/v1/users/{id}");

        var user = await OkAsync(response);
        response.Headers.ETag!.Tag.ShouldBe("\"0\"");
        user.GetProperty("id").GetGuid().ShouldBe(id);
        user.GetRawText().ShouldNotContain("AQAAAA", Case.Sensitive, "a PasswordHasher hash starts with AQAAAA");
        user.GetRawText().ShouldNotContain("hash", Case.Insensitive);
        await ProblemAssertions.ShouldBeProblemAsync(await tenant.Admin.GetAsync($"/api/v1/users/{Guid.CreateVersion7()}"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Listing_users_pages_with_a_cursor()
    {
        var tenant = await StartAsync(app);
        var created = new List<Guid> { tenant.Seeded.Id };
        for (var i = 0; i < 2; i++)
        {
            created.Add((await tenant.CreateUserAsync()).GetProperty("id").GetGuid());
        }

        var first = await tenant.Admin.GetFromJsonAsync<JsonElement>("/api/v1/users?limit=2");
        var cursor = first.GetProperty("nextCursor").GetString();
        var second = await tenant.Admin.GetFromJsonAsync<JsonElement>($"/api/v1/users?limit=2&cursor={cursor}");

        var listed = first.GetProperty("items").EnumerateArray().Concat(second.GetProperty("items").EnumerateArray()).Select(u => u.GetProperty("id").GetGuid());
        listed.ShouldBe(created);
        second.GetProperty("nextCursor").ValueKind.ShouldBe(JsonValueKind.Null);
    }

    [Fact]
    public async Task Updating_a_user_needs_a_current_If_Match_and_changes_the_display_name_and_facilities()
    {
        var tenant = await StartAsync(app);
        var id = (await tenant.CreateUserAsync()).GetProperty("id").GetGuid();
        var second = (await tenant.CreateFacilityAsync()).GetProperty("id").GetGuid();
        var url = $"/api/v1/users/{id}";
        var change = new { displayName = "Dr. Renamed", facilityIds = new[] { tenant.FacilityId, second } };

        await ProblemAssertions.ShouldBeProblemAsync(await tenant.Admin.SendAsync(Request(HttpMethod.Patch, url, change)), (HttpStatusCode)428);
        await ProblemAssertions.ShouldBeProblemAsync(
            await tenant.Admin.SendAsync(Request(HttpMethod.Patch, url, change, new EntityTagHeaderValue("\"7\""))), HttpStatusCode.PreconditionFailed);
        var response = await tenant.Admin.SendAsync(Request(HttpMethod.Patch, url, change, new EntityTagHeaderValue("\"0\"")));

        var updated = await OkAsync(response);
        response.Headers.ETag!.Tag.ShouldBe("\"1\"");
        updated.GetProperty("displayName").GetString().ShouldBe("Dr. Renamed");
        updated.GetProperty("facilityIds").EnumerateArray().Select(f => f.GetGuid()).ShouldBe([tenant.FacilityId, second]);
        var onlyName = await OkAsync(await tenant.Admin.SendAsync(Request(HttpMethod.Patch, url, new { displayName = "Dr. Again" }, response.Headers.ETag)));
        onlyName.GetProperty("facilityIds").GetArrayLength().ShouldBe(2, "an omitted field stays as it is");
        (await ErrorFieldsAsync(await tenant.Admin.SendAsync(Request(HttpMethod.Patch, url, new { facilityIds = new[] { Guid.CreateVersion7() } }, new EntityTagHeaderValue("\"2\"")))))
            .ShouldBe(["facilityIds"]);
        (await ErrorFieldsAsync(await tenant.Admin.SendAsync(Request(HttpMethod.Patch, url, new { displayName = "  " }, new EntityTagHeaderValue("\"2\"")))))
            .ShouldBe(["displayName"]);
        (await ErrorFieldsAsync(await tenant.Admin.SendAsync(Request(HttpMethod.Patch, url, new { roles = new[] { Roles.Admin } }, new EntityTagHeaderValue("\"2\"")))))
            .ShouldBe(["roles"], "roles change through POST /users/{id}/roles only");
    }

    [Theory]
    [InlineData("{\"displayName\":null}", "displayName")]
    [InlineData("{\"facilityIds\":null}", "facilityIds")]
    [InlineData("{\"facilityIds\":[]}", "facilityIds")]
    public async Task A_merge_patch_null_on_a_required_user_field_answers_400_naming_it_and_changes_nothing(string json, string field)
    {
        var tenant = await StartAsync(app);
        var url = $"/api/v1/users/{(await tenant.CreateUserAsync()).GetProperty("id").GetGuid()}";
        (await ErrorFieldsAsync(await tenant.Admin.SendAsync(MergePatchRequest.Create(url, json, new EntityTagHeaderValue("\"0\""))))).ShouldBe([field]);
        (await OkAsync(await tenant.Admin.GetAsync(url))).GetProperty("version").GetInt32().ShouldBe(0);
    }

    [Fact]
    public async Task Deactivating_a_user_ends_their_access_token_refresh_token_and_logins()
    {
        var tenant = await StartAsync(app);
        var user = await tenant.CreateUserAsync(Roles.Nurse);
        var id = user.GetProperty("id").GetGuid();
        var tokens = await tenant.LoginAsync(user);
        (await app.Bearer(tokens.AccessToken).GetAsync("/api/v1/me")).StatusCode.ShouldBe(HttpStatusCode.OK);

        var response = await tenant.Admin.PostAsync($"/api/v1/users/{id}/deactivate", null);

        (await OkAsync(response)).GetProperty("active").GetBoolean().ShouldBeFalse();
        await ProblemAssertions.ShouldBeProblemAsync(await app.Bearer(tokens.AccessToken).GetAsync("/api/v1/me"), HttpStatusCode.Unauthorized);
        await ProblemAssertions.ShouldBeProblemAsync(
            await app.Anonymous().PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = tokens.RefreshToken }), HttpStatusCode.Unauthorized);
        await ProblemAssertions.ShouldBeProblemAsync(
            await app.Anonymous().PostAsJsonAsync("/api/v1/auth/login", new { tenant = tenant.Seeded.Tenant, username = user.GetProperty("username").GetString(), password = Password }),
            HttpStatusCode.Unauthorized);
        (await tenant.Admin.PostAsync($"/api/v1/users/{id}/deactivate", null)).StatusCode.ShouldBe(HttpStatusCode.OK, "deactivating again changes nothing");
        (await AuditOfAsync(tenant.Admin, id)).Select(r => r.GetProperty("action").GetString()).ShouldBe(["deactivate", "create"]);
    }

    [Fact]
    public async Task An_admin_cannot_deactivate_themselves_or_remove_their_own_Admin_role()
    {
        var tenant = await StartAsync(app);
        var self = tenant.Seeded.Id;

        await ProblemAssertions.ShouldBeProblemAsync(await tenant.Admin.PostAsync($"/api/v1/users/{self}/deactivate", null), HttpStatusCode.Conflict);
        await ProblemAssertions.ShouldBeProblemAsync(
            await tenant.Admin.PostAsJsonAsync($"/api/v1/users/{self}/roles", new { roles = new[] { Roles.Doctor } }), HttpStatusCode.Conflict);
        var kept = await OkAsync(await tenant.Admin.PostAsJsonAsync($"/api/v1/users/{self}/roles", new { roles = new[] { Roles.Admin, Roles.Doctor } }));
        kept.GetProperty("roles").EnumerateArray().Select(r => r.GetString()).ShouldBe([Roles.Admin, Roles.Doctor]);
        kept.GetProperty("active").GetBoolean().ShouldBeTrue();
    }

    [Fact]
    public async Task Replacing_roles_ends_access_tokens_with_the_old_roles_and_a_refresh_carries_the_new_ones()
    {
        var tenant = await StartAsync(app);
        var user = await tenant.CreateUserAsync(Roles.Doctor);
        var id = user.GetProperty("id").GetGuid();
        var tokens = await tenant.LoginAsync(user);

        var response = await tenant.Admin.PostAsJsonAsync($"/api/v1/users/{id}/roles", new { roles = new[] { Roles.Nurse, Roles.Billing } });

        var updated = await OkAsync(response);
        updated.GetProperty("roles").EnumerateArray().Select(r => r.GetString()).ShouldBe([Roles.Nurse, Roles.Billing]);
        response.Headers.ETag!.Tag.ShouldBe("\"1\"");
        await ProblemAssertions.ShouldBeProblemAsync(await app.Bearer(tokens.AccessToken).GetAsync("/api/v1/me"), HttpStatusCode.Unauthorized);
        var refreshed = await app.Anonymous().PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = tokens.RefreshToken });
        var fresh = (await refreshed.Content.ReadFromJsonAsync<HealthCore.Modules.Identity.TokenResponse>())!;
        var me = await OkAsync(await app.Bearer(fresh.AccessToken).GetAsync("/api/v1/me"));
        me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()).ShouldBe([Roles.Nurse, Roles.Billing]);
        var record = (await AuditOfAsync(tenant.Admin, id))[0];
        record.GetProperty("action").GetString().ShouldBe("assign-roles");
        Change(record, "roles").GetProperty("before").EnumerateArray().Select(r => r.GetString()).ShouldBe([Roles.Doctor]);
        Change(record, "roles").GetProperty("after").EnumerateArray().Select(r => r.GetString()).ShouldBe([Roles.Nurse, Roles.Billing]);
        (await ErrorFieldsAsync(await tenant.Admin.PostAsJsonAsync($"/api/v1/users/{id}/roles", new { roles = new[] { "Janitor" } }))).ShouldBe(["roles"]);
        (await ErrorFieldsAsync(await tenant.Admin.PostAsJsonAsync($"/api/v1/users/{id}/roles", new { roles = Array.Empty<string>() }))).ShouldBe(["roles"]);
    }

    [Theory]
    [InlineData(Roles.Doctor)]
    [InlineData(Roles.Auditor)]
    [InlineData(Roles.PlatformAdmin)]
    public async Task Roles_without_users_write_get_403_on_every_user_change(string role)
    {
        var tenant = await StartAsync(app);
        var id = (await tenant.CreateUserAsync()).GetProperty("id").GetGuid();
        var client = tenant.As(role);

        await ProblemAssertions.ShouldBeProblemAsync(await client.PostAsJsonAsync("/api/v1/users", NewUser(tenant.FacilityId)), HttpStatusCode.Forbidden);
        await ProblemAssertions.ShouldBeProblemAsync(
            await client.SendAsync(Request(HttpMethod.Patch, $"/api/v1/users/{id}", new { displayName = "x" }, new EntityTagHeaderValue("\"0\""))), HttpStatusCode.Forbidden);
        await ProblemAssertions.ShouldBeProblemAsync(await client.PostAsync($"/api/v1/users/{id}/deactivate", null), HttpStatusCode.Forbidden);
        await ProblemAssertions.ShouldBeProblemAsync(
            await client.PostAsJsonAsync($"/api/v1/users/{id}/roles", new { roles = new[] { Roles.Admin } }), HttpStatusCode.Forbidden);
        var readable = role == Roles.Auditor;
        (await client.GetAsync($"/api/v1/users/{id}")).StatusCode.ShouldBe(readable ? HttpStatusCode.OK : HttpStatusCode.Forbidden);
        (await OkAsync(await tenant.Admin.GetAsync($"/api/v1/users/{id}"))).GetProperty("version").GetInt32().ShouldBe(0);
    }

    [Fact]
    public async Task Another_tenant_gets_404_for_a_user_and_changes_nothing()
    {
        var tenant = await StartAsync(app);
        var id = (await tenant.CreateUserAsync(Roles.Nurse)).GetProperty("id").GetGuid();
        var other = await StartAsync(app);
        var url = $"/api/v1/users/{id}";

        await TenantIsolation.Between(tenant.Admin, other.As($"{Roles.Admin},{Roles.PlatformAdmin}"))
            .Watching(url)
            .Get(url)
            .Patch(url, new { displayName = "Taken over" })
            .Post($"{url}/deactivate")
            .Post($"{url}/roles", new { roles = new[] { Roles.Admin } })
            .ListWithout("/api/v1/users", id)
            .ListWithout($"/api/v1/audit?entityId={id}", id)
            .ShouldHoldAsync();
    }

    [Fact]
    public async Task User_writes_are_audited_with_before_and_after_values_and_never_a_password_hash()
    {
        var tenant = await StartAsync(app);
        var created = await tenant.CreateUserAsync(Roles.Doctor);
        var id = created.GetProperty("id").GetGuid();
        var patch = Request(HttpMethod.Patch, $"/api/v1/users/{id}", new { displayName = "Dr. Audited" }, new EntityTagHeaderValue("\"0\""));
        (await tenant.Admin.SendAsync(patch)).StatusCode.ShouldBe(HttpStatusCode.OK);

        var records = await AuditOfAsync(tenant.Admin, id);

        records.Select(r => r.GetProperty("action").GetString()).ShouldBe(["update", "create"]);
        records.ShouldAllBe(r => r.GetProperty("entityType").GetString() == "User");
        records.ShouldAllBe(r => r.GetProperty("actorId").GetGuid() == tenant.Seeded.Id);
        Change(records[1], "username").GetProperty("after").GetString().ShouldBe(created.GetProperty("username").GetString());
        Change(records[0], "displayName").GetProperty("before").GetString().ShouldBe("Dr. Jane Example");
        Change(records[0], "displayName").GetProperty("after").GetString().ShouldBe("Dr. Audited");
        var raw = string.Join("\n", records.Select(r => r.GetRawText()));
        raw.ShouldNotContain("passwordHash", Case.Insensitive);
        raw.ShouldNotContain("securityStamp", Case.Insensitive);
        raw.ShouldNotContain(Password);
        await AuditVerifiesAsync(tenant.Admin);
    }

    [Fact]
    public async Task Retrying_a_creation_with_the_same_Idempotency_Key_replays_it_and_creates_one_user()
    {
        var tenant = await StartAsync(app);
        var body = NewUser(tenant.FacilityId);
        var key = Guid.NewGuid().ToString();
        HttpRequestMessage Post()
        {
            var request = Request(HttpMethod.Post, "/api/v1/users", body);
            request.Headers.Add("Idempotency-Key", key);
            return request;
        }

        var first = await tenant.Admin.SendAsync(Post());
        var retry = await tenant.Admin.SendAsync(Post());

        first.StatusCode.ShouldBe(HttpStatusCode.Created);
        retry.StatusCode.ShouldBe(HttpStatusCode.Created);
        retry.Headers.GetValues("Idempotent-Replayed").ShouldBe(["true"]);
        (await retry.Content.ReadAsStringAsync()).ShouldBe(await first.Content.ReadAsStringAsync());
        (await tenant.Admin.GetFromJsonAsync<JsonElement>("/api/v1/users")).GetProperty("items").GetArrayLength().ShouldBe(2);
    }

    [Fact]
    public async Task Parallel_creations_of_one_username_yield_exactly_one_201_and_409s()
    {
        var tenant = await StartAsync(app);
        var body = NewUser(tenant.FacilityId);
        var attempts = app.Provider == DatabaseProvider.Postgres ? 20 : 8;

        var responses = await Task.WhenAll(Enumerable.Range(0, attempts).Select(_ => tenant.Admin.PostAsJsonAsync("/api/v1/users", body)));

        var statuses = responses.Select(r => r.StatusCode).ToList();
        statuses.Count(s => s == HttpStatusCode.Created).ShouldBe(1, string.Join(", ", statuses));
        statuses.Count(s => s == HttpStatusCode.Conflict).ShouldBe(attempts - 1, string.Join(", ", statuses));
        foreach (var conflict in responses.Where(r => r.StatusCode == HttpStatusCode.Conflict))
        {
            await ProblemAssertions.ShouldBeProblemAsync(conflict, HttpStatusCode.Conflict);
        }
    }
}

[Collection(IdentityPostgresCollection.Name)]
public sealed class UsersTests_on_Postgres(IdentityPostgresApp app) : UsersTests(app);

[Collection(IdentitySqliteCollection.Name)]
public sealed class UsersTests_on_Sqlite(IdentitySqliteApp app) : UsersTests(app);
