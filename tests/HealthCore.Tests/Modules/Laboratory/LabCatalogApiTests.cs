using System.Text.Json;
using HealthCore.Modules.Laboratory;
using HealthCore.Modules.Laboratory.Contracts;
using static HealthCore.Tests.Modules.Laboratory.LabApi;

namespace HealthCore.Tests.Modules.Laboratory;

public abstract class LabCatalogApiTests(HealthCoreApp app)
{
    [Fact]
    public async Task A_new_tenant_starts_with_the_starter_catalogue_and_a_panel_reads_with_its_members_and_expanded_tests()
    {
        var client = app.ClientFor();

        var panels = await CodesAsync(client, "kind=panel&limit=200");
        var (cbc, _) = await GetAsync(client, "58410-2");
        var (cmp, _) = await GetAsync(client, "24323-8");
        var (potassium, _) = await GetAsync(client, "2823-3");

        panels.ShouldBe(["24323-8", "24325-3", "24356-8", "51990-0", "57698-3", "58410-2", "COAG"], ignoreOrder: true);
        (await CodesAsync(client, "limit=200")).Count.ShouldBe(StarterCatalog.Shipped.Tests!.Length);
        cbc.GetProperty("kind").GetString().ShouldBe("panel");
        cbc.GetProperty("members").EnumerateArray().Select(m => m.GetProperty("code").GetString()).ShouldContain("718-7");
        cbc.GetProperty("members")[0].GetProperty("display").GetString().ShouldBe("Leukocytes [#/volume] in Blood by Automated count");
        cmp.GetProperty("expandedTests").GetArrayLength().ShouldBe(14);
        potassium.GetProperty("unit").GetString().ShouldBe("mmol/L");
        potassium.GetProperty("ranges").EnumerateArray().ShouldContain(r => r.GetProperty("ageFrom").GetString() == "P18Y"
            && r.GetProperty("criticalLow").GetDecimal() == 2.8m && r.GetProperty("criticalHigh").GetDecimal() == 6.2m);
        potassium.GetProperty("deltaCheck").GetProperty("kind").GetString().ShouldBe("absolute");
        potassium.GetProperty("expandedTests").EnumerateArray().Select(c => c.GetString()).ShouldBe(["2823-3"]);
    }

    [Fact]
    public async Task Search_matches_codes_names_and_synonyms_without_regard_to_case_and_pages_in_code_order()
    {
        var client = app.ClientFor();

        (await CodesAsync(client, "q=hba1c")).ShouldBe(["4548-4"]);
        (await CodesAsync(client, "q=POTASSIUM")).ShouldBe(["2823-3"]);
        (await CodesAsync(client, "q=2823")).ShouldBe(["2823-3"]);
        (await CodesAsync(client, "q=full%20blood%20count")).ShouldBe(["58410-2"]);
        (await CodesAsync(client, "q=urine&kind=panel")).ShouldBe(["24356-8"]);

        var first = await client.GetFromJsonAsync<JsonElement>($"{TestsPath}?q=in%20serum&limit=3");
        var second = await client.GetFromJsonAsync<JsonElement>($"{TestsPath}?q=in%20serum&limit=3&cursor={first.GetProperty("nextCursor").GetString()}");
        var codes = first.GetProperty("items").EnumerateArray().Concat(second.GetProperty("items").EnumerateArray()).Select(t => t.GetProperty("code").GetString()!).ToList();
        codes.Count.ShouldBe(6);
        codes.ShouldBe(codes.Order(StringComparer.Ordinal).ToList());
        codes.ShouldBeUnique();
        await ProblemAssertions.ShouldBeProblemAsync(await client.GetAsync($"{TestsPath}?kind=profile"), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task The_reference_range_follows_the_patients_age_on_the_collection_date_and_sex()
    {
        var client = app.ClientFor();
        const string born = "birthDate=2008-06-15";

        (await RangeAsync(client, "2823-3", $"sex=male&{born}&at=2026-06-14T23:59:59Z")).GetProperty("high").GetDecimal().ShouldBe(5.0m);
        (await RangeAsync(client, "2823-3", $"sex=male&{born}&at=2026-06-15T00:00:00Z")).GetProperty("high").GetDecimal().ShouldBe(5.1m);
        (await RangeAsync(client, "89579-7", $"sex=female&{born}&at=2030-01-01T00:00:00Z")).GetProperty("high").GetDecimal().ShouldBe(16);
        (await RangeAsync(client, "89579-7", $"sex=other&{born}&at=2030-01-01T00:00:00Z")).GetProperty("high").GetDecimal().ShouldBe(26);
        (await RangeAsync(client, "718-7", $"sex=female&{born}&at=2030-01-01T00:00:00Z&pregnant=true")).GetProperty("low").GetDecimal().ShouldBe(110);
        (await RangeAsync(client, "1975-2", "sex=female&birthDate=2026-01-01&at=2026-01-03T08:00:00Z")).ValueKind.ShouldBe(JsonValueKind.Null, "no neonatal bilirubin range: none, not an error");
    }

    [Fact]
    public async Task A_reference_range_query_without_sex_or_before_birth_is_a_400_and_an_unknown_test_a_404()
    {
        var client = app.ClientFor();

        var errors = await ErrorsAsync(await client.GetAsync($"{TestsPath}/2823-3/reference-range?birthDate=2008-06-15&at=2007-01-01T00:00:00Z"));
        errors.Keys.ShouldBe(["sex", "at"], ignoreOrder: true);
        (await ErrorsAsync(await client.GetAsync($"{TestsPath}/2823-3/reference-range?sex=female"))).Keys.ShouldBe(["birthDate"]);
        await ProblemAssertions.ShouldBeProblemAsync(
            await client.GetAsync($"{TestsPath}/{UniqueCode()}/reference-range?sex=female&birthDate=2000-01-01"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task PUT_lists_every_broken_rule_by_field()
    {
        var client = app.ClientFor();
        var definition = Quantity(
            new { sex = "any", ageFrom = "P18Y", low = 5.1, high = 3.5 },
            new { sex = "any", ageFrom = "P60Y", low = 3.5, high = 5.3 },
            new { sex = "male", ageFrom = "P18Y", pregnant = true, high = 5.0 },
            new { sex = "female", ageFrom = "18y", high = 5.0 },
            new { sex = "female", ageFrom = "P1Y", ageTo = "P1Y", high = 5.0 });
        definition["unit"] = "mcg/dL";
        definition["turnaround"] = new { routine = 60, stat = 120 };
        definition["answers"] = new[] { "Positive" };

        var errors = await ErrorsAsync(await PutAsync(client, "2823-4", definition));

        errors.Keys.ShouldBe(
            ["code", "unit", "turnaround.routine", "answers", "ranges[0].high", "ranges[1].ageFrom", "ranges[2].pregnant", "ranges[3].ageFrom", "ranges[4].ageTo"],
            ignoreOrder: true);
        errors["code"].Single().ShouldBe(LabCodes.Rule);
        errors["unit"].Single().ShouldContain("'ug'");
        errors["ranges[1].ageFrom"].Single().ShouldContain("overlaps ranges[0]");
        (await ErrorsAsync(await PutAsync(client, UniqueCode(), new { display = "No kind" }))).Keys.ShouldBe(["kind"]);
    }

    [Fact]
    public async Task A_panel_needs_defined_members_and_cannot_contain_itself_through_another_panel()
    {
        var client = app.ClientFor();
        var inner = await CreateAsync(client, Panel("2823-3"));
        var outer = await CreateAsync(client, Panel(inner, "2951-2"));

        var missing = await ErrorsAsync(await PutAsync(client, UniqueCode(), Panel("2823-3", "nope-1")));
        var (current, etag) = await GetAsync(client, inner);
        var cycle = await ErrorsAsync(await PutAsync(client, inner, Panel("2823-3", outer), etag));

        missing.Keys.ShouldBe(["members[1]"]);
        cycle["members"].Single().ShouldBe($"Panels cannot contain themselves: {inner} → {outer} → {inner}.");
        (await GetAsync(client, inner)).Test.GetProperty("version").GetInt32().ShouldBe(current.GetProperty("version").GetInt32());
        (await GetAsync(client, outer)).Test.GetProperty("expandedTests").EnumerateArray().Select(c => c.GetString()).ShouldBe(["2823-3", "2951-2"]);
    }

    [Fact]
    public async Task PUT_creates_then_replaces_only_with_the_current_ETag()
    {
        var client = app.ClientFor();
        var code = UniqueCode();

        var created = await PutAsync(client, code, Quantity());
        var withoutIfMatch = await PutAsync(client, code, Quantity());
        var stale = await PutAsync(client, code, Quantity(), new("\"41\""));
        var changed = Quantity(new { sex = "any", ageFrom = "P18Y", low = 3.6, high = 5.2 });
        var replaced = await PutAsync(client, code, changed, created.Headers.ETag);
        var ifMatchOnNothing = await PutAsync(client, UniqueCode(), Quantity(), created.Headers.ETag);

        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        created.Headers.Location!.ToString().ShouldBe($"{TestsPath}/{code}");
        await ProblemAssertions.ShouldBeProblemAsync(withoutIfMatch, HttpStatusCode.PreconditionRequired);
        await ProblemAssertions.ShouldBeProblemAsync(stale, HttpStatusCode.PreconditionFailed);
        replaced.StatusCode.ShouldBe(HttpStatusCode.OK, await replaced.Content.ReadAsStringAsync());
        await ProblemAssertions.ShouldBeProblemAsync(ifMatchOnNothing, HttpStatusCode.NotFound);
        var (test, etag) = await GetAsync(client, code);
        etag.ShouldBe(replaced.Headers.ETag);
        test.GetProperty("version").GetInt32().ShouldBe(1);
        test.GetProperty("ranges").EnumerateArray().Single().GetProperty("high").GetDecimal().ShouldBe(5.2m);
    }

    [Fact]
    public async Task An_import_applies_every_definition_or_none_and_lists_every_error()
    {
        var client = app.ClientFor();
        var (test, panel, replaced) = (UniqueCode(), UniqueCode(), "2823-3");
        var potassium = Quantity(new { sex = "any", ageFrom = "P18Y", low = 3.4, high = 5.3, criticalLow = 2.5, criticalHigh = 6.5 });
        potassium["code"] = replaced;
        var local = Quantity();
        local["code"] = test;
        var localPanel = Panel(test, replaced);
        localPanel["code"] = panel;
        var broken = Quantity();
        broken["code"] = UniqueCode();
        broken["unit"] = "IU/L";

        var rejected = await client.PostAsJsonAsync($"{TestsPath}/import", new { format = LabCatalogFile.CurrentFormat, tests = new object[] { local, broken, Panel("absent-1"), localPanel } });
        var errors = await ErrorsAsync(rejected);
        (await client.GetAsync($"{TestsPath}/{test}")).StatusCode.ShouldBe(HttpStatusCode.NotFound, "nothing of a rejected file is applied");

        var imported = await client.PostAsJsonAsync($"{TestsPath}/import", new { format = LabCatalogFile.CurrentFormat, tests = new object[] { potassium, local, localPanel } });

        errors.Keys.ShouldBe(["tests[1].unit", "tests[2].code"], ignoreOrder: true);
        imported.StatusCode.ShouldBe(HttpStatusCode.OK, await imported.Content.ReadAsStringAsync());
        var counts = await imported.Content.ReadFromJsonAsync<JsonElement>();
        (counts.GetProperty("created").GetInt32(), counts.GetProperty("replaced").GetInt32()).ShouldBe((2, 1));
        (await GetAsync(client, panel)).Test.GetProperty("expandedTests").EnumerateArray().Select(c => c.GetString()).ShouldBe([test, replaced]);
        (await GetAsync(client, replaced)).Test.GetProperty("ranges").EnumerateArray().Single().GetProperty("criticalHigh").GetDecimal().ShouldBe(6.5m);
        (await ErrorsAsync(await client.PostAsJsonAsync($"{TestsPath}/import", new { format = "csv", tests = new object[] { local } }))).Keys.ShouldBe(["format"]);
    }

    [Fact]
    public async Task The_shipped_catalogue_file_imports_as_it_is()
    {
        var client = app.ClientFor();
        await using var file = typeof(StarterCatalog).Assembly.GetManifestResourceStream(StarterCatalog.ResourceName)!;
        using var content = new StreamContent(file);
        content.Headers.ContentType = new("application/json");

        var response = await client.PostAsync($"{TestsPath}/import", content);

        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("replaced").GetInt32().ShouldBe(StarterCatalog.Shipped.Tests!.Length);
    }

    [Fact]
    public async Task Deactivating_hides_a_test_from_the_list_a_PUT_brings_it_back_and_a_panel_member_cannot_be_deactivated()
    {
        var client = app.ClientFor();
        var code = await CreateAsync(client);

        var member = await client.PostAsync($"{TestsPath}/2823-3/deactivate", null);
        var deactivated = await client.PostAsync($"{TestsPath}/{code}/deactivate", null);
        var hidden = await CodesAsync(client, $"q={code}");
        var shown = await CodesAsync(client, $"q={code}&includeInactive=true");
        var reactivated = await PutAsync(client, code, Quantity(), deactivated.Headers.ETag);

        var conflict = await ProblemAssertions.ShouldBeProblemAsync(member, HttpStatusCode.Conflict);
        conflict.GetProperty("panels").EnumerateArray().Select(p => p.GetString()).ShouldBe(["24323-8", "51990-0"], ignoreOrder: true);
        deactivated.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await deactivated.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("active").GetBoolean().ShouldBeFalse();
        hidden.ShouldBeEmpty();
        shown.ShouldBe([code]);
        reactivated.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await GetAsync(client, code)).Test.GetProperty("active").GetBoolean().ShouldBeTrue();
    }

    [Fact]
    public async Task Clinicians_read_the_catalogue_but_only_catalogue_writers_change_it()
    {
        var tenant = Guid.CreateVersion7();
        var nurse = HealthCoreApp.Authorize(app.CreateClient(), tenant, roles: "Nurse");
        var receptionist = HealthCoreApp.Authorize(app.CreateClient(), tenant, roles: "Receptionist");
        var pathologist = HealthCoreApp.Authorize(app.CreateClient(), tenant, roles: "Pathologist");

        (await nurse.GetAsync($"{TestsPath}/2823-3")).StatusCode.ShouldBe(HttpStatusCode.OK);
        await ProblemAssertions.ShouldBeProblemAsync(await receptionist.GetAsync($"{TestsPath}/2823-3"), HttpStatusCode.Forbidden);
        await ProblemAssertions.ShouldBeProblemAsync(await PutAsync(nurse, UniqueCode(), Quantity()), HttpStatusCode.Forbidden);
        await ProblemAssertions.ShouldBeProblemAsync(
            await nurse.PostAsJsonAsync($"{TestsPath}/import", new { format = LabCatalogFile.CurrentFormat, tests = Array.Empty<object>() }), HttpStatusCode.Forbidden);
        await ProblemAssertions.ShouldBeProblemAsync(await nurse.PostAsync($"{TestsPath}/600-7/deactivate", null), HttpStatusCode.Forbidden);
        await CreateAsync(pathologist);
    }

    [Fact]
    public async Task Another_tenant_can_neither_see_nor_change_a_tenants_test()
    {
        var owner = app.ClientFor();
        var code = await CreateAsync(owner);

        await TenantIsolation.Between(owner, app.ClientFor())
            .CoveringEvery(ModuleEndpoints.Of(app.Services, typeof(LaboratoryDb).Namespace!),
                "POST /api/v1/lab/tests/import", // imports into the caller's own catalogue: it names no resource of another tenant
                // Results endpoints: probed as another tenant in LabResultsTests.Another_tenant_neither_reads_nor_enters_results.
                "POST /api/v1/lab/orders/{orderId:guid}/results", "GET /api/v1/lab/reports/", "GET /api/v1/lab/reports/{id:guid}",
                "GET /api/v1/lab/reports/{id:guid}/versions", "POST /api/v1/lab/reports/{id:guid}/verify", "POST /api/v1/lab/reports/{id:guid}/correct")
            .Watching($"{TestsPath}/{code}")
            .Get($"{TestsPath}/{code}")
            .Get($"{TestsPath}/{code}/reference-range?sex=female&birthDate=1980-01-01")
            .Put($"{TestsPath}/{code}", Quantity())
            .Post($"{TestsPath}/{code}/deactivate")
            .ListWithout($"{TestsPath}?q={code}&includeInactive=true", code)
            .ShouldHoldAsync();
    }

    [Fact]
    public async Task One_tenants_ranges_for_a_starter_test_leave_another_tenants_unchanged()
    {
        var first = app.ClientFor();
        var second = app.ClientFor();
        var (_, etag) = await GetAsync(first, "2823-3");
        var before = (await GetAsync(second, "2823-3")).Test.GetRawText();

        var replaced = await PutAsync(first, "2823-3", Quantity(new { sex = "any", ageFrom = "P0D", low = 3.0, high = 6.0 }), etag);

        replaced.StatusCode.ShouldBe(HttpStatusCode.OK, await replaced.Content.ReadAsStringAsync());
        (await GetAsync(first, "2823-3")).Test.GetProperty("ranges").GetArrayLength().ShouldBe(1);
        (await GetAsync(second, "2823-3")).Test.GetRawText().ShouldBe(before);
    }

    [Fact]
    public async Task The_catalogue_contract_expands_nested_panels_and_selects_the_range_for_a_result()
    {
        var tenant = Guid.CreateVersion7();
        var client = app.ClientFor(tenant);
        var nested = await CreateAsync(client, Panel("51990-0", "1751-7", "2823-3"));

        var cmp = await WithCatalogAsync(app.Services, tenant, catalog => catalog.FindAsync("24323-8", CancellationToken.None));
        var local = await WithCatalogAsync(app.Services, tenant, catalog => catalog.FindAsync(nested, CancellationToken.None));
        var a1c = await WithCatalogAsync(app.Services, tenant, catalog => catalog.FindAsync("4548-4", CancellationToken.None));
        var range = await WithCatalogAsync(app.Services, tenant, catalog => catalog.SelectRangeAsync(
            "2823-3", new LabPatient(LabPatientSex.Female, new DateOnly(1990, 1, 1)), new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), CancellationToken.None));
        var unknown = await WithCatalogAsync(app.Services, Guid.CreateVersion7(), catalog => catalog.FindAsync(nested, CancellationToken.None));

        cmp!.Kind.ShouldBe("panel");
        cmp.ExpandedTestCodes.ShouldBe(["2345-7", "3094-0", "2160-0", "2951-2", "2823-3", "2075-0", "2028-9", "17861-6", "2885-2", "1751-7", "1975-2", "6768-6", "1742-6", "1920-8"]);
        cmp.SpecimenType.ShouldBe("Serum or plasma");
        cmp.PriceCode.ShouldBe("LAB-CMP");
        cmp.Turnaround["stat"].ShouldBe(TimeSpan.FromHours(1));
        local!.ExpandedTestCodes.ShouldBe(["2345-7", "3094-0", "2160-0", "2951-2", "2823-3", "2075-0", "2028-9", "17861-6", "1751-7"]);
        a1c!.MinimumRetestInterval.ShouldBe(TimeSpan.FromDays(90));
        a1c.ExpandedTestCodes.ShouldBe(["4548-4"]);
        range!.Interpret(6.3m).ShouldBe(LabInterpretation.CriticalHigh);
        (range.Low, range.High, range.Unit, range.AgeFrom).ShouldBe((3.5m, 5.1m, "mmol/L", "P18Y"));
        unknown.ShouldBeNull("another tenant has no such panel");
    }
}

[Collection(PostgresCollection.Name)]
public sealed class LabCatalogApiTests_on_Postgres(PostgresApp app) : LabCatalogApiTests(app);

[Collection(SqliteCollection.Name)]
public sealed class LabCatalogApiTests_on_Sqlite(SqliteApp app) : LabCatalogApiTests(app);
