using System.Security.Cryptography;
using System.Text.Json;

namespace HealthCore.Tests.Platform.Http;

public abstract class PagingTests(HealthCoreApp app)
{
    [Fact]
    public async Task Without_a_limit_a_page_holds_50_items()
    {
        var client = app.ClientFor();
        await CreateNotesAsync(client, 51);

        var page = await GetPageAsync(client, "");

        page.GetProperty("items").GetArrayLength().ShouldBe(50);
        page.GetProperty("nextCursor").GetString().ShouldNotBeNull();
    }

    [Fact]
    public async Task A_limit_of_200_is_accepted()
    {
        var client = app.ClientFor();
        await CreateNotesAsync(client, 2);

        var page = await GetPageAsync(client, "?limit=200");

        page.GetProperty("items").GetArrayLength().ShouldBe(2);
        page.GetProperty("nextCursor").ValueKind.ShouldBe(JsonValueKind.Null);
    }

    [Theory]
    [InlineData("201")]
    [InlineData("0")]
    [InlineData("-1")]
    public async Task A_limit_outside_1_to_200_answers_400_naming_limit(string limit)
    {
        var response = await app.ClientFor().GetAsync($"{ProbeNotes.Path}?limit={limit}");

        var problem = await ProblemAssertions.ShouldBeProblemAsync(response, HttpStatusCode.BadRequest);
        problem.GetProperty("errors").TryGetProperty("limit", out _).ShouldBeTrue(problem.GetRawText());
    }

    [Fact]
    public async Task Paging_with_cursors_returns_every_note_once_in_order()
    {
        var client = app.ClientFor();
        var created = await CreateNotesAsync(client, 8);

        var pages = new List<List<Guid>>();
        var query = "?limit=3";
        while (true)
        {
            var page = await GetPageAsync(client, query);
            pages.Add(page.GetProperty("items").EnumerateArray().Select(n => n.GetProperty("id").GetGuid()).ToList());
            if (page.GetProperty("nextCursor").GetString() is not { } cursor)
            {
                break;
            }

            pages.Count.ShouldBeLessThan(10, "the cursor never ran out");
            query = $"?limit=3&cursor={cursor}";
        }

        pages.Select(p => p.Count).ShouldBe([3, 3, 2]);
        pages.SelectMany(p => p).ShouldBe(created.Order().ToList());
    }

    [Fact]
    public async Task When_the_notes_exactly_fill_a_page_there_is_no_next_cursor()
    {
        var client = app.ClientFor();
        await CreateNotesAsync(client, 3);

        var page = await GetPageAsync(client, "?limit=3");

        page.GetProperty("items").GetArrayLength().ShouldBe(3);
        page.GetProperty("nextCursor").ValueKind.ShouldBe(JsonValueKind.Null);
    }

    [Fact]
    public async Task A_tampered_cursor_answers_400_naming_cursor()
    {
        var client = app.ClientFor();
        await CreateNotesAsync(client, 4);
        var cursor = (await GetPageAsync(client, "?limit=3")).GetProperty("nextCursor").GetString()!;
        (await client.GetAsync($"{ProbeNotes.Path}?limit=3&cursor={cursor}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var middle = cursor.Length / 2;
        var tampered = cursor[..middle] + (cursor[middle] == 'A' ? 'B' : 'A') + cursor[(middle + 1)..];

        var response = await client.GetAsync($"{ProbeNotes.Path}?limit=3&cursor={tampered}");

        await ShouldBeCursorProblemAsync(response);
    }

    [Fact]
    public async Task A_cursor_that_is_not_base64_answers_400_naming_cursor()
    {
        var response = await app.ClientFor().GetAsync($"{ProbeNotes.Path}?cursor=%25%25not-a-cursor%25%25");

        await ShouldBeCursorProblemAsync(response);
    }

    [Fact]
    public async Task A_cursor_signed_by_an_instance_with_another_key_is_rejected()
    {
        using var other = app.WithSettings(("Secrets:CursorSigning", Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))));
        var tenant = Guid.CreateVersion7();
        var otherClient = HealthCoreApp.Authorize(other.CreateClient(), tenant);
        await CreateNotesAsync(otherClient, 4);
        var cursor = (await GetPageAsync(otherClient, "?limit=3")).GetProperty("nextCursor").GetString()!;
        (await otherClient.GetAsync($"{ProbeNotes.Path}?limit=3&cursor={cursor}")).StatusCode.ShouldBe(HttpStatusCode.OK);

        var response = await app.ClientFor(tenant).GetAsync($"{ProbeNotes.Path}?limit=3&cursor={cursor}");

        await ShouldBeCursorProblemAsync(response);
    }

    [Fact]
    public async Task The_openapi_document_describes_limit_and_cursor()
    {
        var response = await app.CreateClient().GetAsync("/openapi/v1.json");

        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var document = await ProbeNotes.ReadJsonAsync(response);
        var parameters = document.GetProperty("paths").EnumerateObject()
            .Single(p => p.Name.TrimEnd('/') == ProbeNotes.Path).Value
            .GetProperty("get").GetProperty("parameters").EnumerateArray().ToList();
        var limit = parameters.Single(p => p.GetProperty("name").GetString()!.Equals("limit", StringComparison.OrdinalIgnoreCase));
        limit.GetProperty("schema").GetProperty("maximum").GetInt32().ShouldBe(200);
        parameters.ShouldContain(p => p.GetProperty("name").GetString()!.Equals("cursor", StringComparison.OrdinalIgnoreCase));
    }

    private static async Task<List<Guid>> CreateNotesAsync(HttpClient client, int count)
    {
        var ids = new List<Guid>();
        for (var i = 0; i < count; i++)
        {
            ids.Add((await ProbeNotes.CreateAsync(client)).GetProperty("id").GetGuid());
        }

        return ids;
    }

    private static async Task<JsonElement> GetPageAsync(HttpClient client, string query)
    {
        var response = await client.GetAsync(ProbeNotes.Path + query);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await ProbeNotes.ReadJsonAsync(response);
    }

    private static async Task ShouldBeCursorProblemAsync(HttpResponseMessage response)
    {
        var problem = await ProblemAssertions.ShouldBeProblemAsync(response, HttpStatusCode.BadRequest);
        problem.GetProperty("errors").TryGetProperty("cursor", out _).ShouldBeTrue(problem.GetRawText());
    }
}

[Collection(PostgresCollection.Name)]
public sealed class PagingTests_on_Postgres(PostgresApp app) : PagingTests(app);

[Collection(SqliteCollection.Name)]
public sealed class PagingTests_on_Sqlite(SqliteApp app) : PagingTests(app);
