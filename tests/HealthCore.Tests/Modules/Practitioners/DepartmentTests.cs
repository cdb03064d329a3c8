using System.Text.Json.Nodes;
using static HealthCore.Tests.Modules.Practitioners.PractitionersApi;

namespace HealthCore.Tests.Modules.Practitioners;

public abstract class DepartmentTests(HealthCoreApp app)
{
    [Fact]
    public async Task Creating_a_department_answers_201_with_location_etag_and_the_stored_fields()
    {
        var client = app.ClientFor();
        var body = Department("Nuclear Medicine").With("code", "\"nuc-med.1\"").With("capabilities", """["imaging", "outpatient", "imaging"]""");

        var created = await client.CreateDepartmentAsync(body);

        created.ETag.Tag.ShouldBe("\"0\"");
        created.Location.ToString().ShouldBe($"{DepartmentsPath}/{created.Id}");
        var read = await client.GetAsync(created.Location);
        read.Headers.ETag.ShouldBe(created.ETag);
        var department = await read.JsonAsync();
        department.GetProperty("name").GetString().ShouldBe("Nuclear Medicine");
        department.GetProperty("code").GetString().ShouldBe("NUC-MED.1");
        department.GetProperty("type").GetString().ShouldBe("clinical");
        department.GetProperty("facilityId").GetGuid().ShouldBe(await client.FacilityAsync());
        department.GetProperty("capabilities").Strings().ShouldBe(["imaging", "outpatient"]);
        department.GetProperty("contact").GetProperty("phone").GetString().ShouldBe("+14155550123");
        department.GetProperty("active").GetBoolean().ShouldBeTrue();
    }

    [Fact]
    public async Task A_department_code_is_unique_per_tenant_regardless_of_case_but_another_tenant_may_use_it()
    {
        var client = app.ClientFor();
        var first = Department();
        await client.CreateDepartmentAsync(first);
        var again = Department().With("code", $"\"{first["code"]!.GetValue<string>().ToUpperInvariant()}\"");

        var conflict = await client.PostAsJsonAsync(DepartmentsPath, again.With("facilityId", $"\"{await client.FacilityAsync()}\""));

        (await ProblemAssertions.ShouldBeProblemAsync(conflict, HttpStatusCode.Conflict)).GetProperty("field").GetString().ShouldBe("code");
        again.Remove("facilityId");
        await app.ClientFor().CreateDepartmentAsync(again);
    }

    [Theory]
    [InlineData("type", "\"surgical\"", "type")]
    [InlineData("type", "null", "type")]
    [InlineData("capabilities", """["icu", "teleportation"]""", "capabilities[1]")]
    [InlineData("contact.phone", "\"0415 555 0123\"", "contact.phone")]
    [InlineData("contact.email", "\"not-an-address\"", "contact.email")]
    [InlineData("name", "\"   \"", "name")]
    [InlineData("code", "\"has spaces\"", "code")]
    [InlineData("facilityId", "\"00000000-0000-0000-0000-000000000000\"", "facilityId")]
    [InlineData("facilityId", "\"north-campus\"", "facilityId")]
    [InlineData("active", "\"yes\"", "active")]
    [InlineData("unexpected", "1", "unexpected")]
    public async Task Invalid_department_input_answers_400_naming_the_field(string path, string json, string field)
    {
        var response = await app.ClientFor().PostAsJsonAsync(DepartmentsPath, Department().With(path, json));

        (await ErrorFieldsAsync(response)).ShouldContain(field);
    }

    [Fact]
    public async Task Oversized_department_strings_answer_400_naming_each_field()
    {
        var body = Department(facilityId: Guid.CreateVersion7()).With("name", $"\"{new string('n', 201)}\"").With("specialty", $"\"{new string('s', 101)}\"")
            .With("code", $"\"{new string('C', 51)}\"");

        var fields = await ErrorFieldsAsync(await app.ClientFor().PostAsJsonAsync(DepartmentsPath, body));

        fields.ShouldBe(["code", "name", "specialty"], ignoreOrder: true);
    }

    [Fact]
    public async Task A_department_in_another_tenants_an_inactive_or_an_unknown_facility_answers_400_naming_facilityId_on_create_and_patch()
    {
        var client = app.ClientFor();
        var theirs = await app.ClientFor().FacilityAsync();
        var closed = await client.NewFacilityAsync();
        var close = new HttpRequestMessage(HttpMethod.Patch, $"/api/v1/facilities/{closed}") { Content = JsonContent.Create(new { active = false }) };
        close.Headers.IfMatch.Add(System.Net.Http.Headers.EntityTagHeaderValue.Any);
        (await client.SendAsync(close)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var created = await client.CreateDepartmentAsync();

        foreach (var facility in new[] { theirs, closed, Guid.CreateVersion7() })
        {
            (await ErrorFieldsAsync(await client.PostAsJsonAsync(DepartmentsPath, Department(facilityId: facility)))).ShouldBe(["facilityId"]);
            (await ErrorFieldsAsync(await client.PatchAsync(created.Location, new { facilityId = facility }, created.ETag))).ShouldBe(["facilityId"]);
        }

        (await client.GetJsonAsync(DepartmentsPath)).GetProperty("items").GetArrayLength().ShouldBe(1);
        var annex = await client.NewFacilityAsync();
        (await (await client.PatchAsync(created.Location, new { facilityId = annex }, created.ETag)).JsonAsync()).GetProperty("facilityId").GetGuid().ShouldBe(annex);
    }

    [Fact]
    public async Task A_merge_patch_with_if_match_changes_only_the_given_fields_and_the_etag()
    {
        var client = app.ClientFor();
        var created = await client.CreateDepartmentAsync();

        var response = await client.PatchAsync(created.Location, new { name = "Cardiology North", specialty = (string?)null, capabilities = new[] { "ccu" }, contact = new { email = (string?)null } }, created.ETag);

        var patched = await response.JsonAsync();
        response.Headers.ETag!.Tag.ShouldBe("\"1\"");
        patched.GetProperty("name").GetString().ShouldBe("Cardiology North");
        patched.GetProperty("specialty").ValueKind.ShouldBe(System.Text.Json.JsonValueKind.Null);
        patched.GetProperty("capabilities").Strings().ShouldBe(["ccu"]);
        patched.GetProperty("contact").GetProperty("phone").GetString().ShouldBe("+14155550123");
        patched.GetProperty("contact").GetProperty("email").ValueKind.ShouldBe(System.Text.Json.JsonValueKind.Null);
        patched.GetProperty("code").GetString().ShouldBe(created.Body.GetProperty("code").GetString());
        (await client.GetAsync(created.Location)).Headers.ETag!.Tag.ShouldBe("\"1\"");
    }

    [Fact]
    public async Task A_patch_that_changes_nothing_keeps_the_version()
    {
        var client = app.ClientFor();
        var created = await client.CreateDepartmentAsync();

        var response = await client.PatchAsync(created.Location, new { type = "clinical" }, created.ETag);

        (await response.JsonAsync()).GetProperty("version").GetInt32().ShouldBe(0);
        response.Headers.ETag.ShouldBe(created.ETag);
    }

    [Fact]
    public async Task Patching_without_if_match_answers_428_and_with_a_stale_etag_412_changing_nothing()
    {
        var client = app.ClientFor();
        var created = await client.CreateDepartmentAsync();
        (await client.PatchAsync(created.Location, new { name = "First edit" }, created.ETag)).StatusCode.ShouldBe(HttpStatusCode.OK);

        await ProblemAssertions.ShouldBeProblemAsync(await client.PatchAsync(created.Location, new { name = "No precondition" }, null), HttpStatusCode.PreconditionRequired);
        await ProblemAssertions.ShouldBeProblemAsync(await client.PatchAsync(created.Location, new { name = "Stale" }, created.ETag), HttpStatusCode.PreconditionFailed);

        (await client.GetJsonAsync(created.Location.ToString())).GetProperty("name").GetString().ShouldBe("First edit");
    }

    [Theory]
    [InlineData("""{ "capabilities": ["icu", "warp"] }""", "capabilities[1]")]
    [InlineData("""{ "name": null }""", "name")]
    [InlineData("""{ "contact": { "phone": "12345" } }""", "contact.phone")]
    [InlineData("""{ "version": 7 }""", "version")]
    [InlineData("""[1, 2]""", "$")]
    public async Task An_invalid_patch_answers_400_naming_the_field(string patch, string field)
    {
        var client = app.ClientFor();
        var created = await client.CreateDepartmentAsync();

        var response = await client.PatchAsync(created.Location, JsonNode.Parse(patch)!, created.ETag);

        (await ErrorFieldsAsync(response)).ShouldBe([field]);
    }

    [Fact]
    public async Task A_patch_repeating_a_member_takes_the_last_value()
    {
        var client = app.ClientFor();
        var created = await client.CreateDepartmentAsync();
        var request = new HttpRequestMessage(HttpMethod.Patch, created.Location)
        {
            Content = new StringContent("""{ "name": "First", "name": "Second" }""", System.Text.Encoding.UTF8, "application/merge-patch+json"),
        };
        request.Headers.IfMatch.Add(created.ETag);

        (await (await client.SendAsync(request)).JsonAsync()).GetProperty("name").GetString().ShouldBe("Second");
    }

    [Fact]
    public async Task Patching_to_a_code_another_department_has_answers_409()
    {
        var client = app.ClientFor();
        var taken = await client.CreateDepartmentAsync();
        var created = await client.CreateDepartmentAsync();

        var response = await client.PatchAsync(created.Location, new { code = taken.Body.GetProperty("code").GetString() }, created.ETag);

        await ProblemAssertions.ShouldBeProblemAsync(response, HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task The_list_filters_by_facility_type_capability_name_and_active_in_name_order()
    {
        var client = app.ClientFor();
        var north = await client.FacilityAsync();
        var south = await client.NewFacilityAsync();
        await client.CreateDepartmentAsync(Department("Radiology", north).With("type", "\"diagnostic\"").With("capabilities", """["imaging"]"""));
        await client.CreateDepartmentAsync(Department("Intensive Care", north).With("capabilities", """["icu", "inpatient"]"""));
        await client.CreateDepartmentAsync(Department("Interventional Radiology", south).With("capabilities", """["imaging", "surgery"]"""));
        await client.CreateDepartmentAsync(Department("Archive", north).With("type", "\"administrative\"").With("active", "false").With("capabilities", "[]"));

        async Task<List<string?>> Names(string query) =>
            (await client.GetJsonAsync($"{DepartmentsPath}?{query}")).GetProperty("items").Strings("name");

        (await Names("")).ShouldBe(["Archive", "Intensive Care", "Interventional Radiology", "Radiology"]);
        (await Names($"facilityId={north}")).ShouldBe(["Archive", "Intensive Care", "Radiology"]);
        (await Names("type=Diagnostic")).ShouldBe(["Radiology"]);
        (await Names("capability=imaging")).ShouldBe(["Interventional Radiology", "Radiology"]);
        (await Names("name=radio")).ShouldBe(["Interventional Radiology", "Radiology"]);
        (await Names("name=IN")).ShouldBe(["Intensive Care", "Interventional Radiology"]);
        (await Names("active=false")).ShouldBe(["Archive"]);
        (await Names($"capability=imaging&facilityId={south}")).ShouldBe(["Interventional Radiology"]);
    }

    [Fact]
    public async Task The_list_pages_with_a_cursor_in_name_order()
    {
        var client = app.ClientFor();
        foreach (var name in new[] { "Delta", "Alpha", "Charlie", "Bravo", "Echo" })
        {
            await client.CreateDepartmentAsync(Department(name));
        }

        var names = new List<string?>();
        string? cursor = null;
        do
        {
            var page = await client.GetJsonAsync($"{DepartmentsPath}?limit=2{(cursor is null ? "" : $"&cursor={cursor}")}");
            page.GetProperty("items").GetArrayLength().ShouldBeLessThanOrEqualTo(2);
            names.AddRange(page.GetProperty("items").Strings("name"));
            cursor = page.GetProperty("nextCursor").GetString();
        }
        while (cursor is not null);

        names.ShouldBe(["Alpha", "Bravo", "Charlie", "Delta", "Echo"]);
    }

    [Theory]
    [InlineData("type=surgical", "type")]
    [InlineData("type=1", "type")]
    [InlineData("capability=warp", "capability")]
    [InlineData("cursor=forged", "cursor")]
    [InlineData("limit=0", "limit")]
    public async Task An_invalid_list_filter_answers_400_naming_it(string query, string field)
    {
        (await ErrorFieldsAsync(await app.ClientFor().GetAsync($"{DepartmentsPath}?{query}"))).ShouldBe([field]);
    }

    [Theory]
    [InlineData("?facilityId=north", "facilityId")]
    [InlineData("?active=maybe", "active")]
    [InlineData("/00000000-0000-0000-0000-000000000001/rules?at=yesterday", "at")]
    public async Task A_query_value_of_the_wrong_type_answers_400_naming_the_parameter(string query, string parameter)
    {
        var problem = await ProblemAssertions.ShouldBeProblemAsync(await app.ClientFor().GetAsync($"{DepartmentsPath}{query}"), HttpStatusCode.BadRequest);

        problem.GetProperty("detail").GetString().ShouldNotBeNull().ShouldContain(parameter);
    }

    [Fact]
    public async Task Another_tenant_gets_404_for_read_and_patch_and_does_not_see_it_listed()
    {
        var owner = app.ClientFor();
        var created = await owner.CreateDepartmentAsync();
        var other = app.ClientFor();

        await ProblemAssertions.ShouldBeProblemAsync(await other.GetAsync(created.Location), HttpStatusCode.NotFound);
        await ProblemAssertions.ShouldBeProblemAsync(await other.PatchAsync(created.Location, new { name = "Hijacked" }, created.ETag), HttpStatusCode.NotFound);
        (await other.GetJsonAsync(DepartmentsPath)).GetProperty("items").GetArrayLength().ShouldBe(0);
        var unchanged = await owner.GetJsonAsync(created.Location.ToString());
        unchanged.GetProperty("name").GetString().ShouldBe(created.Body.GetProperty("name").GetString());
        unchanged.GetProperty("version").GetInt32().ShouldBe(0);
    }

    [Fact]
    public async Task Clinical_roles_read_departments_but_only_admins_write_them()
    {
        var tenant = Guid.CreateVersion7();
        var created = await app.ClientFor(tenant).CreateDepartmentAsync();
        var nurse = WithRoles(app, tenant, "Nurse");
        var auditor = WithRoles(app, tenant, "Auditor");

        (await nurse.GetAsync(created.Location)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await nurse.GetAsync(DepartmentsPath)).StatusCode.ShouldBe(HttpStatusCode.OK);
        await ProblemAssertions.ShouldBeProblemAsync(await nurse.PostAsJsonAsync(DepartmentsPath, Department()), HttpStatusCode.Forbidden);
        await ProblemAssertions.ShouldBeProblemAsync(await nurse.PatchAsync(created.Location, new { name = "Nurses' choice" }, created.ETag), HttpStatusCode.Forbidden);
        await ProblemAssertions.ShouldBeProblemAsync(await auditor.GetAsync(created.Location), HttpStatusCode.Forbidden);
    }
}

[Collection(PostgresCollection.Name)]
public sealed class DepartmentTests_on_Postgres(PostgresApp app) : DepartmentTests(app);

[Collection(SqliteCollection.Name)]
public sealed class DepartmentTests_on_Sqlite(SqliteApp app) : DepartmentTests(app);
