using System.Text.Json;
using System.Text.Json.Nodes;
using HealthCore.Modules.Practitioners;
using HealthCore.Modules.Practitioners.Contracts;
using HealthCore.Platform.Events;
using HealthCore.Platform.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static HealthCore.Tests.Modules.Practitioners.PractitionersApi;

namespace HealthCore.Tests.Modules.Practitioners;

public abstract class PractitionerTests(HealthCoreApp app)
{
    [Fact]
    public async Task Creating_a_practitioner_shows_active_departments_privileges_and_expired_licences()
    {
        var client = app.ClientFor();
        var cardiology = (await client.CreateDepartmentAsync()).Id;
        var icu = (await client.CreateDepartmentAsync()).Id;
        var radiology = (await client.CreateDepartmentAsync()).Id;
        var body = Practitioner(
            "Okafor",
            Membership(cardiology, "2020-01-01T00:00:00Z", null, "admit", "prescribe"),
            Membership(icu, null, "2021-01-01T00:00:00Z", "admit"),
            Membership(radiology, "2190-01-01T00:00:00Z", null, "report"));
        body["licenses"]!.AsArray().Add(new JsonObject { ["number"] = "OLD-1", ["issuingAuthority"] = "Old Board", ["expiresOn"] = "2020-06-30" });

        var created = await client.CreateAsync(PractitionersPath, body);

        created.ETag.Tag.ShouldBe("\"0\"");
        var practitioner = await client.GetJsonAsync(created.Location.ToString());
        practitioner.GetProperty("displayName").GetString().ShouldBe("Dr. Anna Maria Okafor");
        practitioner.GetProperty("role").GetString().ShouldBe("physician");
        practitioner.GetProperty("activeDepartmentIds").EnumerateArray().Select(d => d.GetGuid()).ShouldBe([cardiology]);
        practitioner.GetProperty("activePrivileges").Strings().ShouldBe(["admit", "prescribe"]);
        practitioner.GetProperty("departments").EnumerateArray().Select(d => (d.GetProperty("departmentId").GetGuid(), d.GetProperty("active").GetBoolean()))
            .ShouldBe([(icu, false), (cardiology, true), (radiology, false)], ignoreOrder: true);
        practitioner.GetProperty("licenses").EnumerateArray().Select(l => (l.GetProperty("number").GetString(), l.GetProperty("expired").GetBoolean()))
            .ShouldBe([("MD-12345", false), ("OLD-1", true)]);
        practitioner.GetProperty("specialties")[0].GetProperty("code").GetString().ShouldBe("394579002");
    }

    [Fact]
    public async Task Creating_a_practitioner_publishes_PractitionerCreated_and_is_audited()
    {
        var client = app.ClientFor();
        var department = (await client.CreateDepartmentAsync()).Id;

        var created = await client.CreateAsync(PractitionersPath, Practitioner("Nakamura", Membership(department)));

        var message = await OutboxMessageAsync(created.Id, typeof(PractitionerCreated));
        var payload = JsonDocument.Parse(message.Payload).RootElement;
        payload.GetProperty("displayName").GetString().ShouldBe("Dr. Anna Maria Nakamura");
        payload.GetProperty("role").GetString().ShouldBe("physician");
        payload.GetProperty("departmentIds").EnumerateArray().Select(d => d.GetGuid()).ShouldBe([department]);
        var audit = await client.GetJsonAsync($"/api/v1/audit?entityType=Practitioner&entityId={created.Id}");
        audit.GetProperty("items").EnumerateArray().Select(r => r.GetProperty("action").GetString()).ShouldBe(["create"]);
    }

    [Fact]
    public async Task A_retried_create_with_the_same_idempotency_key_replays_the_first_and_publishes_once()
    {
        var client = app.ClientFor();
        var body = Practitioner("Retry");
        HttpRequestMessage Post()
        {
            var request = new HttpRequestMessage(HttpMethod.Post, PractitionersPath) { Content = JsonContent.Create(body) };
            request.Headers.Add("Idempotency-Key", "create-retry-1");
            return request;
        }

        var first = await (await client.SendAsync(Post())).JsonAsync(HttpStatusCode.Created);
        var replay = await client.SendAsync(Post());

        (await replay.JsonAsync(HttpStatusCode.Created)).GetProperty("id").GetGuid().ShouldBe(first.GetProperty("id").GetGuid());
        replay.Headers.GetValues("Idempotent-Replayed").ShouldBe(["true"]);
        (await client.GetJsonAsync(PractitionersPath)).GetProperty("items").GetArrayLength().ShouldBe(1);
        await OutboxMessageAsync(first.GetProperty("id").GetGuid(), typeof(PractitionerCreated));
    }

    [Theory]
    [InlineData("role", "\"surgeon\"", "role")]
    [InlineData("role", "null", "role")]
    [InlineData("contact.phone", "\"+1 (415) 555-0199\"", "contact.phone")]
    [InlineData("contact.email", "\"anna@\"", "contact.email")]
    [InlineData("name", """{ "family": " ", "given": [] }""", "name.family")]
    [InlineData("name", """{ "family": "Smith", "given": ["Anna", ""] }""", "name.given[1]")]
    [InlineData("name.family", "\"" + "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx" + "\"", "name.family")]
    [InlineData("licenses", """[{ "number": "A1", "issuingAuthority": "Board", "expiresOn": "9999-12-31" }]""", "licenses[0].expiresOn")]
    [InlineData("licenses", """[{ "number": "A1", "issuingAuthority": "Board", "expiresOn": "2027-02-30" }]""", "licenses[0].expiresOn")]
    [InlineData("licenses", """[{ "number": "", "issuingAuthority": "Board" }]""", "licenses[0].number")]
    [InlineData("specialties", """[{ "display": "Cardiology" }]""", "specialties[0].code")]
    [InlineData("specialties", """[{ "system": "snomed", "code": "394579002" }]""", "specialties[0].system")]
    [InlineData("specialties", """[null]""", "specialties[0]")]
    [InlineData("credentials", """["MD", "<script>"]""", "credentials[1]")]
    [InlineData("userId", "\"00000000-0000-0000-0000-000000000000\"", "userId")]
    [InlineData("departments", """[{ "privileges": ["admit"] }]""", "departments[0].departmentId")]
    [InlineData("departments", """[{ "departmentId": "01a228ed-6807-7550-846c-5d592a9bf2db", "privileges": ["Admit All"] }]""", "departments[0].privileges[0]")]
    [InlineData("departments", """[{ "departmentId": "01a228ed-6807-7550-846c-5d592a9bf2db", "effectiveFrom": "2026-02-01T00:00:00Z", "effectiveTo": "2026-01-01T00:00:00Z" }]""", "departments[0].effectiveTo")]
    [InlineData("nickname", "\"Doc\"", "nickname")]
    public async Task Invalid_practitioner_input_answers_400_naming_the_field(string path, string json, string field)
    {
        var response = await app.ClientFor().PostAsJsonAsync(PractitionersPath, Practitioner().With(path, json));

        (await ErrorFieldsAsync(response)).ShouldContain(field);
    }

    [Fact]
    public async Task Overlapping_memberships_of_one_department_answer_400_naming_the_later_one()
    {
        var client = app.ClientFor();
        var department = (await client.CreateDepartmentAsync()).Id;
        var body = Practitioner(null, Membership(department, "2026-01-01T00:00:00Z", "2026-07-01T00:00:00Z"), Membership(department, "2026-06-01T00:00:00Z"));

        (await ErrorFieldsAsync(await client.PostAsJsonAsync(PractitionersPath, body))).ShouldBe(["departments[1]"]);
    }

    [Fact]
    public async Task A_membership_of_an_unknown_or_another_tenants_department_answers_400_naming_it()
    {
        var client = app.ClientFor();
        var mine = (await client.CreateDepartmentAsync()).Id;
        var theirs = (await app.ClientFor().CreateDepartmentAsync()).Id;
        var body = Practitioner(null, Membership(mine), Membership(theirs), Membership(Guid.CreateVersion7()));

        var fields = await ErrorFieldsAsync(await client.PostAsJsonAsync(PractitionersPath, body));

        fields.ShouldBe(["departments[1].departmentId", "departments[2].departmentId"], ignoreOrder: true);
        (await client.GetJsonAsync(PractitionersPath)).GetProperty("items").GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task A_practitioner_linked_to_another_tenants_user_or_an_unknown_id_answers_400_naming_userId_on_create_and_patch()
    {
        var client = app.ClientFor();
        var theirs = await app.ClientFor().NewUserAsync();
        var created = await client.CreateAsync(PractitionersPath, Practitioner());

        foreach (var user in new[] { theirs, Guid.CreateVersion7() })
        {
            (await ErrorFieldsAsync(await client.PostAsJsonAsync(PractitionersPath, Practitioner().With("userId", $"\"{user}\"")))).ShouldBe(["userId"]);
            (await ErrorFieldsAsync(await client.PatchAsync(created.Location, new { userId = user }, created.ETag))).ShouldBe(["userId"]);
        }

        (await client.GetJsonAsync(PractitionersPath)).GetProperty("items").GetArrayLength().ShouldBe(1);
        var mine = await client.NewUserAsync();
        (await (await client.PatchAsync(created.Location, new { userId = mine }, created.ETag)).JsonAsync()).GetProperty("userId").GetGuid().ShouldBe(mine);
    }

    [Fact]
    public async Task A_user_account_links_to_at_most_one_practitioner()
    {
        var client = app.ClientFor();
        var user = await client.NewUserAsync();
        await client.CreateAsync(PractitionersPath, Practitioner().With("userId", $"\"{user}\""));

        var response = await client.PostAsJsonAsync(PractitionersPath, Practitioner("Other").With("userId", $"\"{user}\""));

        (await ProblemAssertions.ShouldBeProblemAsync(response, HttpStatusCode.Conflict)).GetProperty("field").GetString().ShouldBe("userId");
    }

    [Fact]
    public async Task A_merge_patch_updates_fields_and_memberships_and_publishes_PractitionerUpdated()
    {
        var client = app.ClientFor();
        var cardiology = (await client.CreateDepartmentAsync()).Id;
        var icu = (await client.CreateDepartmentAsync()).Id;
        var created = await client.CreateAsync(PractitionersPath, Practitioner("Berg", Membership(cardiology, "2020-01-01T00:00:00Z", null, "admit")));

        var response = await client.PatchAsync(created.Location, new
        {
            role = "nurse",
            name = new { prefix = Array.Empty<string>() },
            contact = new { email = (string?)null },
            departments = new[] { new { departmentId = icu, privileges = new[] { "triage" } } },
        }, created.ETag);

        var patched = await response.JsonAsync();
        response.Headers.ETag!.Tag.ShouldBe("\"1\"");
        patched.GetProperty("role").GetString().ShouldBe("nurse");
        patched.GetProperty("displayName").GetString().ShouldBe("Anna Maria Berg");
        patched.GetProperty("contact").GetProperty("email").ValueKind.ShouldBe(JsonValueKind.Null);
        patched.GetProperty("contact").GetProperty("phone").GetString().ShouldBe("+14155550199");
        patched.GetProperty("activeDepartmentIds").EnumerateArray().Select(d => d.GetGuid()).ShouldBe([icu]);
        patched.GetProperty("activePrivileges").Strings().ShouldBe(["triage"]);
        var updated = JsonDocument.Parse((await OutboxMessageAsync(created.Id, typeof(PractitionerUpdated))).Payload).RootElement;
        updated.GetProperty("version").GetInt32().ShouldBe(1);
        updated.GetProperty("role").GetString().ShouldBe("nurse");
    }

    [Fact]
    public async Task Changing_only_a_membership_changes_the_etag()
    {
        var client = app.ClientFor();
        var department = (await client.CreateDepartmentAsync()).Id;
        var created = await client.CreateAsync(PractitionersPath, Practitioner(null, Membership(department, "2020-01-01T00:00:00Z", null, "admit")));

        var response = await client.PatchAsync(
            created.Location, new { departments = new[] { new { departmentId = department, privileges = new[] { "admit", "discharge" }, effectiveFrom = "2020-01-01T00:00:00Z" } } }, created.ETag);

        (await response.JsonAsync()).GetProperty("activePrivileges").Strings().ShouldBe(["admit", "discharge"]);
        response.Headers.ETag!.Tag.ShouldBe("\"1\"");
        await ProblemAssertions.ShouldBeProblemAsync(await client.PatchAsync(created.Location, new { active = false }, created.ETag), HttpStatusCode.PreconditionFailed);
    }

    [Fact]
    public async Task Patching_without_if_match_answers_428()
    {
        var client = app.ClientFor();
        var created = await client.CreateAsync(PractitionersPath, Practitioner());

        await ProblemAssertions.ShouldBeProblemAsync(await client.PatchAsync(created.Location, new { active = false }, null), HttpStatusCode.PreconditionRequired);
        (await client.GetJsonAsync(created.Location.ToString())).GetProperty("active").GetBoolean().ShouldBeTrue();
    }

    [Theory]
    [InlineData("""{ "role": "wizard" }""", "role")]
    [InlineData("""{ "name": { "family": null, "given": null } }""", "name.family")]
    [InlineData("""{ "licenses": [{ "number": "X", "issuingAuthority": "Board", "expiresOn": "1800-01-01" }] }""", "licenses[0].expiresOn")]
    [InlineData("""{ "departments": [{ "departmentId": "01a228ed-6807-7550-846c-5d592a9bf2db" }] }""", "departments[0].departmentId")]
    [InlineData("""{ "id": "01a228ed-6807-7550-846c-5d592a9bf2db" }""", "id")]
    public async Task An_invalid_patch_answers_400_naming_the_field_and_changes_nothing(string patch, string field)
    {
        var client = app.ClientFor();
        var created = await client.CreateAsync(PractitionersPath, Practitioner());

        (await ErrorFieldsAsync(await client.PatchAsync(created.Location, JsonNode.Parse(patch)!, created.ETag))).ShouldBe([field]);

        (await client.GetJsonAsync(created.Location.ToString())).GetProperty("version").GetInt32().ShouldBe(0);
    }

    [Fact]
    public async Task The_list_filters_by_specialty_department_role_active_and_name_prefix()
    {
        var client = app.ClientFor();
        var cardiology = (await client.CreateDepartmentAsync()).Id;
        var oncology = (await client.CreateDepartmentAsync()).Id;
        await client.CreateAsync(PractitionersPath, Practitioner("Garcia", Membership(cardiology, "2020-01-01T00:00:00Z")));
        await client.CreateAsync(PractitionersPath, Practitioner("Gardner", Membership(cardiology, null, "2021-01-01T00:00:00Z"), Membership(oncology))
            .With("specialties", """[{ "code": "ONCOLOGY" }]"""));
        await client.CreateAsync(PractitionersPath, Practitioner("Mbeki").With("role", "\"nurse\"").With("name.given", """["Thandi"]"""));
        await client.CreateAsync(PractitionersPath, Practitioner("Quist").With("active", "false").With("specialties", "[]"));

        async Task<List<string?>> Families(string query) =>
            [.. (await client.GetJsonAsync($"{PractitionersPath}?{query}")).GetProperty("items").EnumerateArray().Select(p => p.GetProperty("name").GetProperty("family").GetString())];

        (await Families("")).ShouldBe(["Garcia", "Gardner", "Mbeki", "Quist"]);
        (await Families("specialty=394579002")).ShouldBe(["Garcia", "Mbeki"]);
        (await Families("specialty=oncology")).ShouldBe(["Gardner"]);
        (await Families($"departmentId={cardiology}")).ShouldBe(["Garcia"]);
        (await Families($"departmentId={oncology}")).ShouldBe(["Gardner"]);
        (await Families("role=nurse")).ShouldBe(["Mbeki"]);
        (await Families("active=false")).ShouldBe(["Quist"]);
        (await Families("name=gar")).ShouldBe(["Garcia", "Gardner"]);
        (await Families("name=THAN")).ShouldBe(["Mbeki"]);
        (await Families("name=maria")).ShouldBe(["Garcia", "Gardner", "Quist"]);
        (await Families("name=arc")).ShouldBeEmpty();
        (await Families("role=physician&active=true&name=g")).ShouldBe(["Garcia", "Gardner"]);
    }

    [Fact]
    public async Task The_list_pages_with_a_cursor_in_name_order()
    {
        var client = app.ClientFor();
        foreach (var family in new[] { "Evans", "Adams", "Diaz", "Chen", "Brown" })
        {
            await client.CreateAsync(PractitionersPath, Practitioner(family));
        }

        var first = await client.GetJsonAsync($"{PractitionersPath}?limit=3");
        var second = await client.GetJsonAsync($"{PractitionersPath}?limit=3&cursor={first.GetProperty("nextCursor").GetString()}");

        first.GetProperty("items").EnumerateArray().Select(p => p.GetProperty("name").GetProperty("family").GetString()).ShouldBe(["Adams", "Brown", "Chen"]);
        second.GetProperty("items").EnumerateArray().Select(p => p.GetProperty("name").GetProperty("family").GetString()).ShouldBe(["Diaz", "Evans"]);
        second.GetProperty("nextCursor").ValueKind.ShouldBe(JsonValueKind.Null);
    }

    [Theory]
    [InlineData("role=surgeon", "role")]
    [InlineData("role=physician,nurse", "role")]
    [InlineData("cursor=abc", "cursor")]
    public async Task An_invalid_list_filter_answers_400_naming_it(string query, string field)
    {
        (await ErrorFieldsAsync(await app.ClientFor().GetAsync($"{PractitionersPath}?{query}"))).ShouldBe([field]);
    }

    [Fact]
    public async Task Another_tenant_gets_404_for_read_and_patch_and_does_not_see_it_listed()
    {
        var owner = app.ClientFor();
        var created = await owner.CreateAsync(PractitionersPath, Practitioner());
        var other = app.ClientFor();

        await ProblemAssertions.ShouldBeProblemAsync(await other.GetAsync(created.Location), HttpStatusCode.NotFound);
        await ProblemAssertions.ShouldBeProblemAsync(await other.PatchAsync(created.Location, new { active = false }, created.ETag), HttpStatusCode.NotFound);
        (await other.GetJsonAsync(PractitionersPath)).GetProperty("items").GetArrayLength().ShouldBe(0);
        var unchanged = await owner.GetJsonAsync(created.Location.ToString());
        unchanged.GetProperty("active").GetBoolean().ShouldBeTrue();
        unchanged.GetProperty("version").GetInt32().ShouldBe(0);
    }

    [Fact]
    public async Task Clinical_reception_and_billing_roles_read_practitioners_but_only_admins_write_them()
    {
        var tenant = Guid.CreateVersion7();
        var created = await app.ClientFor(tenant).CreateAsync(PractitionersPath, Practitioner());

        foreach (var role in new[] { "Doctor", "Nurse", "Receptionist", "Billing" })
        {
            (await WithRoles(app, tenant, role).GetAsync(created.Location)).StatusCode.ShouldBe(HttpStatusCode.OK, role);
        }

        var doctor = WithRoles(app, tenant, "Doctor");
        await ProblemAssertions.ShouldBeProblemAsync(await doctor.PostAsJsonAsync(PractitionersPath, Practitioner()), HttpStatusCode.Forbidden);
        await ProblemAssertions.ShouldBeProblemAsync(await doctor.PatchAsync(created.Location, new { active = false }, created.ETag), HttpStatusCode.Forbidden);
        await ProblemAssertions.ShouldBeProblemAsync(await WithRoles(app, tenant, "Auditor").GetAsync(PractitionersPath), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task The_directory_contract_finds_practitioners_and_departments_of_the_current_tenant_only()
    {
        var tenant = Guid.CreateVersion7();
        var client = app.ClientFor(tenant);
        var department = (await client.CreateDepartmentAsync()).Id;
        var practitioner = (await client.CreateAsync(PractitionersPath, Practitioner("Ito", Membership(department, null, null, "admit")))).Id;

        await using var scope = app.Services.CreateAsyncScope();
        var current = scope.ServiceProvider.GetRequiredService<CurrentTenant>();
        var directory = scope.ServiceProvider.GetRequiredService<IPractitionerDirectory>();
        current.ActAs(tenant, null);
        (await directory.PractitionerExistsAsync(practitioner, CancellationToken.None)).ShouldBeTrue();
        (await directory.DepartmentExistsAsync(department, CancellationToken.None)).ShouldBeTrue();
        var summary = (await directory.FindPractitionerAsync(practitioner, CancellationToken.None)).ShouldNotBeNull();
        summary.DisplayName.ShouldBe("Dr. Anna Maria Ito");
        summary.Role.ShouldBe("physician");
        summary.ActiveDepartments.ShouldHaveSingleItem().ShouldBe(new DepartmentMembership(department, ["admit"]), new MembershipComparer());
        (await directory.FindDepartmentAsync(department, CancellationToken.None)).ShouldNotBeNull().Capabilities.ShouldBe(["imaging", "outpatient"]);

        current.ActAs(Guid.CreateVersion7(), null);
        (await directory.PractitionerExistsAsync(practitioner, CancellationToken.None)).ShouldBeFalse();
        (await directory.DepartmentExistsAsync(department, CancellationToken.None)).ShouldBeFalse();
        (await directory.FindPractitionerAsync(practitioner, CancellationToken.None)).ShouldBeNull();
    }

    private async Task<OutboxMessage> OutboxMessageAsync(Guid practitionerId, Type eventType)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var marker = practitionerId.ToString();
        var type = EventTypeName.Of(eventType);
        return await scope.ServiceProvider.GetRequiredService<PractitionersDb>().Outbox.AsNoTracking()
            .SingleAsync(m => m.Type == type && m.Payload.Contains(marker));
    }

    private sealed class MembershipComparer : IEqualityComparer<DepartmentMembership>
    {
        public bool Equals(DepartmentMembership? x, DepartmentMembership? y) =>
            x?.DepartmentId == y?.DepartmentId && x!.Privileges.SequenceEqual(y!.Privileges);

        public int GetHashCode(DepartmentMembership obj) => obj.DepartmentId.GetHashCode();
    }
}

[Collection(PostgresCollection.Name)]
public sealed class PractitionerTests_on_Postgres(PostgresApp app) : PractitionerTests(app);

[Collection(SqliteCollection.Name)]
public sealed class PractitionerTests_on_Sqlite(SqliteApp app) : PractitionerTests(app);
