using System.Text.Json.Nodes;

namespace HealthCore.Tests.Modules.Patients;

public abstract class PatientSearchTests(PatientsApp app)
{
    [Fact]
    public async Task A_family_name_with_one_wrong_letter_still_finds_the_patient_ranked_below_exact_and_prefix_matches()
    {
        var client = app.Client(Guid.CreateVersion7());
        var smyth = await PatientsApp.RegisterAsync(client, PatientData.New("Smyth", "Jane", "1961-01-01"));
        var smithson = await PatientsApp.RegisterAsync(client, PatientData.New("Smithson", "Al", "1962-02-02", "male"));
        var smith = await PatientsApp.RegisterAsync(client, PatientData.New("Smith", "John", "1963-03-03", "male"));
        await PatientsApp.RegisterAsync(client, PatientData.New("Jones", "Tom", "1964-04-04", "male"));

        var results = await PatientsApp.SearchAsync(client, "family=smith");
        var typoOnly = await PatientsApp.SearchAsync(client, "family=smiht");

        results.Select(r => r!["id"]!.GetValue<string>()).ShouldBe([smith.Id(), smithson.Id(), smyth.Id()]);
        results.Select(r => r!["match"]!.GetValue<string>()).ShouldBe(["exact", "prefix", "typo"]);
        results.Select(r => r!["score"]!.GetValue<double>()).ShouldBeInOrder(SortDirection.Descending);
        typoOnly.Select(r => r!["id"]!.GetValue<string>()).ShouldContain(smith.Id());
        typoOnly.ShouldAllBe(r => r!["match"]!.GetValue<string>() == "typo");
    }

    [Fact]
    public async Task Names_match_without_regard_to_case_or_accents_by_prefix_of_any_word()
    {
        var client = app.Client(Guid.CreateVersion7());
        var muller = await PatientsApp.RegisterAsync(client, PatientData.New("Müller-Lüdenscheidt", "Zoë", "1955-05-05"));
        var renee = await PatientsApp.RegisterAsync(client, PatientData.New("O'Brien", "Renée", "1956-06-06"));

        (await PatientsApp.SearchAsync(client, "family=MULLER")).ShouldHaveSingleItem((await PatientsApp.SearchAsync(client, "includeInactive=true")).ToJsonString())!["id"]!.GetValue<string>().ShouldBe(muller.Id());
        (await PatientsApp.SearchAsync(client, "family=mül")).Single()!["id"]!.GetValue<string>().ShouldBe(muller.Id());
        (await PatientsApp.SearchAsync(client, "name=zoe%20mull")).ShouldHaveSingleItem(
            (await PatientsApp.SearchAsync(client, "name=zoe")).ToJsonString() + (await PatientsApp.SearchAsync(client, "name=mull")).ToJsonString())!["id"]!.GetValue<string>().ShouldBe(muller.Id());
        (await PatientsApp.SearchAsync(client, "name=obrien")).Single()!["id"]!.GetValue<string>().ShouldBe(renee.Id());
        (await PatientsApp.SearchAsync(client, "given=RENEE")).Single()!["id"]!.GetValue<string>().ShouldBe(renee.Id());
        (await PatientsApp.SearchAsync(client, "name=ren")).Single()!["match"]!.GetValue<string>().ShouldBe("prefix");
    }

    [Fact]
    public async Task Pages_follow_one_stable_ranking_across_exact_prefix_and_typo_matches()
    {
        var client = app.Client(Guid.CreateVersion7());
        foreach (var (family, i) in new[] { "Garcia", "Garcia", "Garcias", "Garciaz", "Garica", "Gracia", "Martin" }.Select((f, i) => (f, i)))
        {
            await PatientsApp.RegisterAsync(client, PatientData.New(family, $"Given{(char)('a' + i)}", $"19{40 + i}-01-01"));
        }

        var all = await PatientsApp.SearchAsync(client, "family=garcia&limit=50");
        var paged = new List<JsonNode?>();
        string? cursor = null;
        do
        {
            var page = await client.GetFromJsonAsync<JsonObject>($"/api/v1/patients?family=garcia&limit=2{(cursor is null ? "" : $"&cursor={cursor}")}");
            paged.AddRange(page!["items"]!.AsArray().Select(i => i!.DeepClone()));
            cursor = page["nextCursor"]?.GetValue<string>();
        }
        while (cursor is not null);

        all.Count.ShouldBe(6, all.ToJsonString());
        paged.Select(p => p!["id"]!.GetValue<string>()).ShouldBe(all.Select(p => p!["id"]!.GetValue<string>()));
        all.Take(2).ShouldAllBe(p => p!["match"]!.GetValue<string>() == "exact");
        all.Skip(2).Take(2).ShouldAllBe(p => p!["match"]!.GetValue<string>() == "prefix");
        all.Skip(4).ShouldAllBe(p => p!["match"]!.GetValue<string>() == "typo");
    }

    [Fact]
    public async Task Filters_narrow_by_birth_date_gender_phone_mrn_and_identifier()
    {
        var client = app.Client(Guid.CreateVersion7());
        var target = await PatientsApp.RegisterAsync(client, PatientData.New("Filtered", "Fay", "1991-09-19").WithPhone("+4915112345678")
            .With("identifiers", new JsonArray(new JsonObject { ["system"] = "urn:insurer:aok", ["value"] = "A-123 456" })));
        await PatientsApp.RegisterAsync(client, PatientData.New("Filtered", "Finn", "1992-09-19", "male"));

        (await PatientsApp.SearchAsync(client, "family=filtered")).Count.ShouldBe(2);
        await ShouldFindOnlyAsync(client, "family=filtered&birthDate=1991-09-19", target);
        await ShouldFindOnlyAsync(client, "family=filtered&gender=female", target);
        await ShouldFindOnlyAsync(client, "phone=%2B49%20151%2012345678", target);
        await ShouldFindOnlyAsync(client, $"mrn={target["mrn"]!.GetValue<string>()}", target);
        await ShouldFindOnlyAsync(client, "identifier=urn:insurer:aok|a123456", target);
    }

    [Theory]
    [InlineData("gender=robot", "gender")]
    [InlineData("birthDate=19-01-2020", "birthDate")]
    [InlineData("identifier=no-separator", "identifier")]
    [InlineData("phone=call-me", "phone")]
    [InlineData("limit=201", "limit")]
    [InlineData("cursor=bm90LWEtY3Vyc29y", "cursor")]
    public async Task Malformed_search_parameters_answer_400_naming_the_parameter(string query, string field)
    {
        var response = await app.Client(Guid.CreateVersion7()).GetAsync($"/api/v1/patients?{query}");

        var problem = await ProblemAssertions.ShouldBeProblemAsync(response, HttpStatusCode.BadRequest);
        problem.GetProperty("errors").TryGetProperty(field, out _).ShouldBeTrue(problem.ToString());
    }

    private static async Task ShouldFindOnlyAsync(HttpClient client, string query, JsonObject patient) =>
        (await PatientsApp.SearchAsync(client, query)).Single()!["id"]!.GetValue<string>().ShouldBe(patient.Id(), query);
}

[Collection(PatientsPostgresCollection.Name)]
public sealed class PatientSearchTests_on_Postgres(PatientsPostgresApp app) : PatientSearchTests(app);

[Collection(PatientsSqliteCollection.Name)]
public sealed class PatientSearchTests_on_Sqlite(PatientsSqliteApp app) : PatientSearchTests(app);
