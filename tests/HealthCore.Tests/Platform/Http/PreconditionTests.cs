using System.Net.Http.Headers;
using HealthCore.Tests.Support.Probe;

namespace HealthCore.Tests.Platform.Http;

public abstract class PreconditionTests(HealthCoreApp app)
{
    [Fact]
    public async Task Reading_a_note_returns_a_strong_etag_that_matches_the_one_from_creation()
    {
        var client = app.ClientFor();
        var created = await client.PostAsJsonAsync(ProbeNotes.Path, ProbeNotes.New());

        var read = await client.GetAsync(created.Headers.Location);

        read.StatusCode.ShouldBe(HttpStatusCode.OK);
        var etag = read.Headers.ETag.ShouldNotBeNull();
        etag.IsWeak.ShouldBeFalse();
        etag.Tag.ShouldStartWith("\"");
        etag.Tag.ShouldBe(created.Headers.ETag!.Tag);
    }

    [Fact]
    public async Task Updating_without_if_match_answers_428_and_changes_nothing()
    {
        var client = app.ClientFor();
        var note = ProbeNotes.New();
        var created = await client.PostAsJsonAsync(ProbeNotes.Path, note);

        var response = await client.PatchAsJsonAsync(created.Headers.Location, new UpdateProbeNote("changed"));

        await ProblemAssertions.ShouldBeProblemAsync(response, (HttpStatusCode)428);
        (await TitleOfAsync(client, created.Headers.Location!)).ShouldBe(note.Title);
    }

    [Fact]
    public async Task Updating_with_the_current_etag_answers_200_with_a_new_etag()
    {
        var client = app.ClientFor();
        var created = await client.PostAsJsonAsync(ProbeNotes.Path, ProbeNotes.New());

        var updated = await client.SendAsync(Patch(created.Headers.Location!, created.Headers.ETag!, "changed"));

        updated.StatusCode.ShouldBe(HttpStatusCode.OK, await updated.Content.ReadAsStringAsync());
        var newTag = updated.Headers.ETag.ShouldNotBeNull();
        newTag.Tag.ShouldNotBe(created.Headers.ETag!.Tag);
        var read = await client.GetAsync(created.Headers.Location);
        read.Headers.ETag!.Tag.ShouldBe(newTag.Tag);
        (await ProbeNotes.ReadJsonAsync(read)).GetProperty("title").GetString().ShouldBe("changed");
    }

    [Fact]
    public async Task Updating_with_a_stale_etag_answers_412_and_keeps_the_newer_change()
    {
        var client = app.ClientFor();
        var created = await client.PostAsJsonAsync(ProbeNotes.Path, ProbeNotes.New());
        var stale = created.Headers.ETag!;
        (await client.SendAsync(Patch(created.Headers.Location!, stale, "first"))).StatusCode.ShouldBe(HttpStatusCode.OK);

        var response = await client.SendAsync(Patch(created.Headers.Location!, stale, "second"));

        await ProblemAssertions.ShouldBeProblemAsync(response, HttpStatusCode.PreconditionFailed);
        (await TitleOfAsync(client, created.Headers.Location!)).ShouldBe("first");
    }

    [Fact]
    public async Task Two_concurrent_updates_with_the_same_etag_give_one_200_and_one_412()
    {
        var client = app.ClientFor();
        for (var round = 0; round < 5; round++)
        {
            var created = await client.PostAsJsonAsync(ProbeNotes.Path, ProbeNotes.New());

            var responses = await Task.WhenAll(
                client.SendAsync(Patch(created.Headers.Location!, created.Headers.ETag!, "left")),
                client.SendAsync(Patch(created.Headers.Location!, created.Headers.ETag!, "right")));

            responses.Select(r => r.StatusCode).Order().ShouldBe([HttpStatusCode.OK, HttpStatusCode.PreconditionFailed]);
            var winner = await ProbeNotes.ReadJsonAsync(responses.Single(r => r.StatusCode == HttpStatusCode.OK));
            (await TitleOfAsync(client, created.Headers.Location!)).ShouldBe(winner.GetProperty("title").GetString());
        }
    }

    [Fact]
    public async Task Two_updates_that_both_passed_the_etag_check_give_one_200_and_one_412_from_the_database()
    {
        var client = app.ClientFor();
        var created = await client.PostAsJsonAsync(ProbeNotes.Path, ProbeNotes.New());
        var gate = ProbeGates.Create(expected: 2);

        var updates = new[] { "left", "right" }.Select(title =>
        {
            var patch = Patch(created.Headers.Location!, created.Headers.ETag!, title);
            patch.Headers.Add(ProbeGates.Header, gate.Name);
            return client.SendAsync(patch);
        }).ToList();
        await gate.AllArrived.WaitAsync(TimeSpan.FromSeconds(30)); // both loaded the same version and passed If-Match
        gate.Open();
        var responses = await Task.WhenAll(updates);

        responses.Select(r => r.StatusCode).Order().ShouldBe([HttpStatusCode.OK, HttpStatusCode.PreconditionFailed]);
        var problem = await ProblemAssertions.ShouldBeProblemAsync(
            responses.Single(r => r.StatusCode == HttpStatusCode.PreconditionFailed), HttpStatusCode.PreconditionFailed);
        problem.GetProperty("detail").GetString()!.ShouldStartWith("Read the resource again"); // the concurrency token caught it, not the If-Match check
        var winner = await ProbeNotes.ReadJsonAsync(responses.Single(r => r.StatusCode == HttpStatusCode.OK));
        (await TitleOfAsync(client, created.Headers.Location!)).ShouldBe(winner.GetProperty("title").GetString());
        winner.GetProperty("version").GetInt32().ShouldBe(1);
    }

    [Fact]
    public async Task If_match_star_updates_whatever_the_version()
    {
        var client = app.ClientFor();
        var created = await client.PostAsJsonAsync(ProbeNotes.Path, ProbeNotes.New());

        var patch = new HttpRequestMessage(HttpMethod.Patch, created.Headers.Location) { Content = JsonContent.Create(new UpdateProbeNote("any")) };
        patch.Headers.TryAddWithoutValidation("If-Match", "*");
        var response = await client.SendAsync(patch);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await TitleOfAsync(client, created.Headers.Location!)).ShouldBe("any");
    }

    private static HttpRequestMessage Patch(Uri location, EntityTagHeaderValue etag, string title)
    {
        var request = new HttpRequestMessage(HttpMethod.Patch, location) { Content = JsonContent.Create(new UpdateProbeNote(title)) };
        request.Headers.IfMatch.Add(etag);
        return request;
    }

    private static async Task<string?> TitleOfAsync(HttpClient client, Uri location) =>
        (await ProbeNotes.ReadJsonAsync(await client.GetAsync(location))).GetProperty("title").GetString();
}

[Collection(PostgresCollection.Name)]
public sealed class PreconditionTests_on_Postgres(PostgresApp app) : PreconditionTests(app);

[Collection(SqliteCollection.Name)]
public sealed class PreconditionTests_on_Sqlite(SqliteApp app) : PreconditionTests(app);
