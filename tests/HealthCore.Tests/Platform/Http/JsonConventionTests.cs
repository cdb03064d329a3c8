using System.Text.Json;

namespace HealthCore.Tests.Platform.Http;

public abstract class JsonConventionTests(HealthCoreApp app)
{
    private const string EchoPath = $"{ProbeNotes.Path}/echo";

    [Fact]
    public async Task Enums_are_written_as_camel_case_strings()
    {
        var response = await app.ClientFor().PostAsync(EchoPath, Json("""{ "priority": "asSoonAsPossible", "at": "2030-06-01T12:00:00Z" }"""));

        var body = await ProbeNotes.ReadJsonAsync(response);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, body.GetRawText());
        body.GetProperty("priority").ValueKind.ShouldBe(JsonValueKind.String);
        body.GetProperty("priority").GetString().ShouldBe("asSoonAsPossible");
    }

    [Theory]
    [InlineData("1")]
    [InlineData("\"whenever\"")]
    public async Task An_enum_given_as_a_number_or_an_unknown_name_answers_400_naming_the_field(string priority)
    {
        var response = await app.ClientFor().PostAsync(EchoPath, Json($$"""{ "priority": {{priority}}, "at": "2030-06-01T12:00:00Z" }"""));

        var problem = await ProblemAssertions.ShouldBeProblemAsync(response, HttpStatusCode.BadRequest);
        problem.GetProperty("errors").TryGetProperty("priority", out _).ShouldBeTrue(problem.GetRawText());
    }

    [Fact]
    public async Task An_instant_posted_with_an_offset_is_written_back_in_utc_with_a_z()
    {
        var response = await app.ClientFor().PostAsync(EchoPath, Json("""{ "priority": "routine", "at": "2030-06-01T14:30:00.25+02:00" }"""));

        (await ProbeNotes.ReadJsonAsync(response)).GetProperty("at").GetString().ShouldBe("2030-06-01T12:30:00.25Z");
    }

    [Fact]
    public async Task A_stored_instant_posted_with_an_offset_reads_back_in_utc_with_a_z()
    {
        var client = app.ClientFor();

        var created = await client.PostAsync(ProbeNotes.Path, Json("""{ "title": "offset", "dueAt": "2030-01-01T12:00:00.123-05:00" }"""));
        var read = await client.GetAsync(created.Headers.Location);

        var createdBody = await ProbeNotes.ReadJsonAsync(created);
        var readBody = await ProbeNotes.ReadJsonAsync(read);
        createdBody.GetProperty("dueAt").GetString().ShouldBe("2030-01-01T17:00:00.123Z");
        readBody.GetProperty("dueAt").GetString().ShouldBe("2030-01-01T17:00:00.123Z");
        readBody.GetProperty("createdAt").GetString().ShouldEndWith("Z");
        readBody.GetProperty("createdAt").GetString().ShouldBe(createdBody.GetProperty("createdAt").GetString());
    }

    [Fact]
    public async Task Instants_are_written_to_the_microsecond_so_responses_match_what_either_database_keeps()
    {
        var client = app.ClientFor();

        var created = await client.PostAsync(ProbeNotes.Path, Json("""{ "title": "precise", "dueAt": "2030-01-01T12:00:00.1234567Z" }"""));
        var read = await client.GetAsync(created.Headers.Location);

        (await ProbeNotes.ReadJsonAsync(created)).GetProperty("dueAt").GetString().ShouldBe("2030-01-01T12:00:00.123456Z");
        (await ProbeNotes.ReadJsonAsync(read)).GetProperty("dueAt").GetString().ShouldBe("2030-01-01T12:00:00.123456Z");
    }

    [Fact]
    public async Task Instants_are_compared_and_ordered_by_the_database_as_instants_whatever_their_offset()
    {
        var client = app.ClientFor();
        var at1000 = await CreateDueAsync(client, "2030-01-01T10:00:00Z");
        var at1030 = await CreateDueAsync(client, "2030-01-01T12:30:00+02:00");
        var at1045 = await CreateDueAsync(client, "2030-01-01T09:45:00-01:00");
        await CreateDueAsync(client, "2030-01-01T11:00:00Z");
        await CreateDueAsync(client, "2030-01-01T10:50:00Z");
        await ProbeNotes.CreateAsync(client, ProbeNotes.New() with { DueAt = null });

        var response = await client.GetAsync($"{ProbeNotes.Path}/due-before?instant={Uri.EscapeDataString("2030-01-01T12:50:00+02:00")}");

        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var due = (await ProbeNotes.ReadJsonAsync(response)).EnumerateArray().ToList();
        due.Select(n => n.GetProperty("id").GetGuid()).ShouldBe([at1045, at1030, at1000]);
        due.Select(n => n.GetProperty("dueAt").GetString())
            .ShouldBe(["2030-01-01T10:45:00Z", "2030-01-01T10:30:00Z", "2030-01-01T10:00:00Z"]);
    }

    private static async Task<Guid> CreateDueAsync(HttpClient client, string dueAt)
    {
        var response = await client.PostAsync(ProbeNotes.Path, Json($$"""{ "title": "due {{dueAt}}", "dueAt": "{{dueAt}}" }"""));
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await ProbeNotes.ReadJsonAsync(response)).GetProperty("id").GetGuid();
    }

    private static StringContent Json(string json) => new(json, System.Text.Encoding.UTF8, "application/json");
}

[Collection(PostgresCollection.Name)]
public sealed class JsonConventionTests_on_Postgres(PostgresApp app) : JsonConventionTests(app);

[Collection(SqliteCollection.Name)]
public sealed class JsonConventionTests_on_Sqlite(SqliteApp app) : JsonConventionTests(app);
