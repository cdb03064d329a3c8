using System.Text.Json;
using HealthCore.Modules.Identity;
using HealthCore.Modules.Identity.Contracts;
using Microsoft.Extensions.DependencyInjection;
using static HealthCore.Tests.Modules.Identity.AdminTenant;

namespace HealthCore.Tests.Modules.Identity;

public abstract class TenantsTests(IdentityApp app)
{
    private const string AdminPassword = "st mary's first admin 1";

    [Fact]
    public async Task A_platform_administrator_creates_a_tenant_whose_admin_can_sign_in_at_once()
    {
        var operatorClient = PlatformAdmin();
        var request = NewTenant();

        var response = await operatorClient.PostAsJsonAsync("/api/v1/tenants", request);

        var created = await CreatedWithoutETagAsync(response);
        var tenantId = created.GetProperty("tenant").GetProperty("id").GetGuid();
        response.Headers.Location!.ToString().ShouldBe($"/api/v1/tenants/{tenantId}");
        created.GetProperty("tenant").GetProperty("code").GetString().ShouldBe(((string)request["code"]!).ToLowerInvariant());
        created.GetProperty("facility").GetProperty("timeZone").GetString().ShouldBe("Europe/Dublin");
        created.GetProperty("admin").GetProperty("roles").EnumerateArray().Select(r => r.GetString()).ShouldBe([Roles.Admin]);
        created.GetRawText().ShouldNotContain(AdminPassword);
        created.GetRawText().ShouldNotContain("hash", Case.Insensitive);

        var tokens = await LoginAsync(app, (string)request["code"]!, "chief.admin", AdminPassword);
        var me = await OkAsync(await app.Bearer(tokens.AccessToken).GetAsync("/api/v1/me"));
        me.GetProperty("tenant").GetProperty("id").GetGuid().ShouldBe(tenantId);
        me.GetProperty("tenant").GetProperty("name").GetString().ShouldBe("St Mary Hospital Group");
        me.GetProperty("facilities").EnumerateArray().Single().GetProperty("id").GetGuid().ShouldBe(created.GetProperty("facility").GetProperty("id").GetGuid());
        me.GetProperty("permissions").EnumerateArray().Select(p => p.GetString()).ShouldNotContain(Permissions.TenantsManage);
    }

    [Fact]
    public async Task The_new_tenants_rows_are_its_own_and_audited_in_its_chain_with_the_caller_as_actor()
    {
        var operatorId = Guid.CreateVersion7();
        var operatorTenant = Guid.CreateVersion7();
        var operatorClient = HealthCoreApp.Authorize(app.CreateClient(), operatorTenant, operatorId, $"{Roles.Admin},{Roles.PlatformAdmin}");
        var request = NewTenant();
        var created = await CreatedWithoutETagAsync(await operatorClient.PostAsJsonAsync("/api/v1/tenants", request));
        var tenantId = created.GetProperty("tenant").GetProperty("id").GetGuid();
        var adminId = created.GetProperty("admin").GetProperty("id").GetGuid();
        var newAdmin = app.Bearer((await LoginAsync(app, (string)request["code"]!, "chief.admin", AdminPassword)).AccessToken);

        (await newAdmin.GetFromJsonAsync<JsonElement>("/api/v1/users")).GetProperty("items").EnumerateArray()
            .Select(u => u.GetProperty("id").GetGuid()).ShouldBe([adminId]);
        (await newAdmin.GetFromJsonAsync<JsonElement>("/api/v1/facilities")).GetProperty("items").GetArrayLength().ShouldBe(1);
        (await operatorClient.GetFromJsonAsync<JsonElement>("/api/v1/users")).GetProperty("items").GetArrayLength().ShouldBe(0, "the caller's tenant got nothing");

        var chain = (await newAdmin.GetFromJsonAsync<JsonElement>("/api/v1/audit?action=create")).GetProperty("items").EnumerateArray()
            .Where(r => r.GetProperty("entityType").GetString() != "RefreshToken")
            .ToList();
        chain.Select(r => r.GetProperty("entityType").GetString()).ShouldBe(["User", "Facility", "Tenant"], ignoreOrder: true);
        chain.ShouldAllBe(r => r.GetProperty("actorId").GetGuid() == operatorId);
        Change(chain.Single(r => r.GetProperty("entityType").GetString() == "Tenant"), "code").GetProperty("after").GetString()
            .ShouldBe(((string)request["code"]!).ToLowerInvariant());
        string.Join("\n", chain.Select(r => r.GetRawText())).ShouldNotContain(AdminPassword);
        await AuditVerifiesAsync(newAdmin);

        var callers = (await operatorClient.GetFromJsonAsync<JsonElement>("/api/v1/audit")).GetProperty("items").EnumerateArray().ToList();
        var record = callers.ShouldHaveSingleItem();
        record.GetProperty("action").GetString().ShouldBe("create");
        record.GetProperty("entityType").GetString().ShouldBe("Tenant");
        record.GetProperty("entityId").GetString().ShouldBe(tenantId.ToString());
        await AuditVerifiesAsync(operatorClient);
    }

    [Fact]
    public async Task A_taken_tenant_code_answers_409_without_regard_to_case()
    {
        await app.Services.GetRequiredService<IdentityBootstrap>().Finished;
        var request = NewTenant();
        await CreatedWithoutETagAsync(await PlatformAdmin().PostAsJsonAsync("/api/v1/tenants", request));
        request["code"] = ((string)request["code"]!).ToUpperInvariant();

        var duplicate = await PlatformAdmin().PostAsJsonAsync("/api/v1/tenants", request);

        await ProblemAssertions.ShouldBeProblemAsync(duplicate, HttpStatusCode.Conflict);
        await ProblemAssertions.ShouldBeProblemAsync(
            await PlatformAdmin().PostAsJsonAsync("/api/v1/tenants", NewTenant(IdentityBootstrap.TenantCode)), HttpStatusCode.Conflict);
    }

    [Theory]
    [InlineData("admin.password", "password1234")]
    [InlineData("admin.password", "short")]
    [InlineData("admin.password", "my name is chief.admin")]
    [InlineData("code", "-bad")]
    [InlineData("code", "x")]
    [InlineData("admin.username", "has space")]
    [InlineData("facility.timeZone", "Narnia/Cair_Paravel")]
    [InlineData("facility.code", "")]
    [InlineData("name", "")]
    public async Task Invalid_fields_answer_400_naming_the_field_and_create_nothing(string field, string value)
    {
        var request = NewTenant();
        var code = (string)request["code"]!;
        var path = field.Split('.');
        if (path.Length == 1)
        {
            request[path[0]] = value;
        }
        else
        {
            ((Dictionary<string, object?>)request[path[0]]!)[path[1]] = value;
        }

        var response = await PlatformAdmin().PostAsJsonAsync("/api/v1/tenants", request);

        (await ErrorFieldsAsync(response)).ShouldContain(field);
        (await ListCodesAsync()).ShouldNotContain(code.ToLowerInvariant());
    }

    [Fact]
    public async Task A_tenant_needs_its_first_facility_and_admin()
    {
        var request = NewTenant();
        request.Remove("facility");
        request["admin"] = null;

        (await ErrorFieldsAsync(await PlatformAdmin().PostAsJsonAsync("/api/v1/tenants", request))).ShouldBe(["admin", "facility"], ignoreOrder: true);
    }

    [Theory]
    [InlineData(Roles.Admin)]
    [InlineData(Roles.Auditor)]
    [InlineData("")]
    public async Task Only_platform_administrators_may_create_list_or_read_tenants(string roles)
    {
        var client = HealthCoreApp.Authorize(app.CreateClient(), roles: roles);
        var request = NewTenant();

        await ProblemAssertions.ShouldBeProblemAsync(await client.PostAsJsonAsync("/api/v1/tenants", request), HttpStatusCode.Forbidden);
        await ProblemAssertions.ShouldBeProblemAsync(await client.GetAsync("/api/v1/tenants"), HttpStatusCode.Forbidden);
        await ProblemAssertions.ShouldBeProblemAsync(await client.GetAsync($"/api/v1/tenants/{Guid.CreateVersion7()}"), HttpStatusCode.Forbidden);
        (await ListCodesAsync()).ShouldNotContain(((string)request["code"]!).ToLowerInvariant());
    }

    [Fact]
    public async Task Retrying_with_the_same_Idempotency_Key_replays_the_answer_and_creates_one_tenant()
    {
        var client = PlatformAdmin();
        var request = NewTenant();
        var key = Guid.NewGuid().ToString();
        HttpRequestMessage Post()
        {
            var message = Request(HttpMethod.Post, "/api/v1/tenants", request);
            message.Headers.Add("Idempotency-Key", key);
            return message;
        }

        var first = await client.SendAsync(Post());
        var retry = await client.SendAsync(Post());

        first.StatusCode.ShouldBe(HttpStatusCode.Created, await first.Content.ReadAsStringAsync());
        retry.StatusCode.ShouldBe(HttpStatusCode.Created);
        retry.Headers.GetValues("Idempotent-Replayed").ShouldBe(["true"]);
        (await retry.Content.ReadAsStringAsync()).ShouldBe(await first.Content.ReadAsStringAsync());
        (await ListCodesAsync()).Count(c => string.Equals(c, (string)request["code"]!, StringComparison.OrdinalIgnoreCase)).ShouldBe(1);
    }

    [Fact]
    public async Task Tenants_are_listed_with_a_cursor_and_read_by_id()
    {
        var client = PlatformAdmin();
        var ids = new List<Guid>();
        for (var i = 0; i < 2; i++)
        {
            ids.Add((await CreatedWithoutETagAsync(await client.PostAsJsonAsync("/api/v1/tenants", NewTenant()))).GetProperty("tenant").GetProperty("id").GetGuid());
        }

        var listed = new List<Guid>();
        string? cursor = null;
        do
        {
            var page = await client.GetFromJsonAsync<JsonElement>($"/api/v1/tenants?limit=1{(cursor is null ? "" : $"&cursor={cursor}")}");
            page.GetProperty("items").GetArrayLength().ShouldBeLessThanOrEqualTo(1);
            listed.AddRange(page.GetProperty("items").EnumerateArray().Select(t => t.GetProperty("id").GetGuid()));
            cursor = page.GetProperty("nextCursor").GetString();
        }
        while (cursor is not null);

        listed.ShouldBe(listed.Order().ToList(), "in creation order");
        listed.ShouldContain(ids[0]);
        listed.ShouldContain(ids[1]);
        (await OkAsync(await client.GetAsync($"/api/v1/tenants/{ids[1]}"))).GetProperty("id").GetGuid().ShouldBe(ids[1]);
        await ProblemAssertions.ShouldBeProblemAsync(await client.GetAsync($"/api/v1/tenants/{Guid.CreateVersion7()}"), HttpStatusCode.NotFound);
    }

    private HttpClient PlatformAdmin(Guid? tenantId = null, Guid? userId = null) =>
        HealthCoreApp.Authorize(app.CreateClient(), tenantId, userId, Roles.PlatformAdmin);

    private static Dictionary<string, object?> NewTenant(string? code = null) => new()
    {
        ["code"] = code ?? Unique("StMary-"),
        ["name"] = "St Mary Hospital Group",
        ["facility"] = new Dictionary<string, object?> { ["code"] = "central", ["name"] = "St Mary Central", ["timeZone"] = "Europe/Dublin" },
        ["admin"] = new Dictionary<string, object?> { ["username"] = "chief.admin", ["displayName"] = "Chief Administrator", ["password"] = AdminPassword },
    };

    private async Task<List<string>> ListCodesAsync()
    {
        var codes = new List<string>();
        string? cursor = null;
        do
        {
            var page = await PlatformAdmin().GetFromJsonAsync<JsonElement>($"/api/v1/tenants?limit=200{(cursor is null ? "" : $"&cursor={cursor}")}");
            codes.AddRange(page.GetProperty("items").EnumerateArray().Select(t => t.GetProperty("code").GetString()!));
            cursor = page.GetProperty("nextCursor").GetString();
        }
        while (cursor is not null);

        return codes;
    }

    private static async Task<JsonElement> CreatedWithoutETagAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.Created, body);
        return JsonDocument.Parse(body).RootElement;
    }
}

[Collection(IdentityPostgresCollection.Name)]
public sealed class TenantsTests_on_Postgres(IdentityPostgresApp app) : TenantsTests(app);

[Collection(IdentitySqliteCollection.Name)]
public sealed class TenantsTests_on_Sqlite(IdentitySqliteApp app) : TenantsTests(app);
