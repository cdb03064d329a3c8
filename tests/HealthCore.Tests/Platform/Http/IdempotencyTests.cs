using HealthCore.Platform.Database;
using HealthCore.Platform.Http.Idempotency;
using HealthCore.Tests.Support.Probe;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Primitives;

namespace HealthCore.Tests.Platform.Http;

public abstract class IdempotencyTests(HealthCoreApp app)
{
    [Fact]
    public async Task Retrying_with_the_same_key_and_body_replays_the_first_response_and_creates_one_note()
    {
        var client = app.ClientFor();
        var key = NewKey();
        var note = ProbeNotes.New();

        var first = await client.SendAsync(ProbeNotes.Post(note, key));
        var second = await client.SendAsync(ProbeNotes.Post(note, key));

        first.StatusCode.ShouldBe(HttpStatusCode.Created);
        ProbeNotes.IsReplay(first).ShouldBeFalse();
        second.StatusCode.ShouldBe(HttpStatusCode.Created);
        ProbeNotes.IsReplay(second).ShouldBeTrue();
        (await second.Content.ReadAsStringAsync()).ShouldBe(await first.Content.ReadAsStringAsync());
        second.Content.Headers.ContentType!.MediaType.ShouldBe("application/json");
        second.Headers.Location.ShouldBe(first.Headers.Location);
        (await ProbeNotes.ListIdsAsync(client)).Count.ShouldBe(1);
    }

    [Fact]
    public async Task Posting_without_a_key_is_not_deduplicated()
    {
        var client = app.ClientFor();
        var note = ProbeNotes.New();

        var first = await client.PostAsJsonAsync(ProbeNotes.Path, note);
        var second = await client.PostAsJsonAsync(ProbeNotes.Path, note);

        first.StatusCode.ShouldBe(HttpStatusCode.Created);
        second.StatusCode.ShouldBe(HttpStatusCode.Created);
        ProbeNotes.IsReplay(second).ShouldBeFalse();
        (await ProbeNotes.ListIdsAsync(client)).Count.ShouldBe(2);
    }

    [Fact]
    public async Task Reusing_a_key_with_a_different_body_answers_422()
    {
        var client = app.ClientFor();
        var key = NewKey();
        (await client.SendAsync(ProbeNotes.Post(ProbeNotes.New(), key))).StatusCode.ShouldBe(HttpStatusCode.Created);

        var response = await client.SendAsync(ProbeNotes.Post(ProbeNotes.New(), key));

        var problem = await ProblemAssertions.ShouldBeProblemAsync(response, HttpStatusCode.UnprocessableEntity);
        problem.GetProperty("title").GetString()!.ShouldContain("Idempotency-Key");
        (await ProbeNotes.ListIdsAsync(client)).Count.ShouldBe(1);
    }

    [Fact]
    public async Task Reusing_a_key_with_the_same_body_on_another_resource_of_the_endpoint_answers_422()
    {
        var client = app.ClientFor();
        var key = NewKey();
        (await client.SendAsync(ProbeNotes.Post(new { }, key, $"{ProbeNotes.Path}/respond/200"))).StatusCode.ShouldBe(HttpStatusCode.OK);

        var response = await client.SendAsync(ProbeNotes.Post(new { }, key, $"{ProbeNotes.Path}/respond/202"));

        await ProblemAssertions.ShouldBeProblemAsync(response, HttpStatusCode.UnprocessableEntity);
    }

    [Fact]
    public async Task Concurrent_duplicates_create_one_note_and_the_others_replay_or_answer_409()
    {
        var client = app.ClientFor();
        var key = NewKey();
        var note = ProbeNotes.New();

        var responses = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => client.SendAsync(ProbeNotes.Post(note, key))));

        var original = responses.Where(r => r.StatusCode == HttpStatusCode.Created && !ProbeNotes.IsReplay(r)).ToList();
        original.Count.ShouldBe(1, string.Join(", ", responses.Select(r => $"{(int)r.StatusCode}{(ProbeNotes.IsReplay(r) ? " replayed" : "")}")));
        var originalBody = await original[0].Content.ReadAsStringAsync();
        foreach (var other in responses.Except(original))
        {
            if (other.StatusCode == HttpStatusCode.Conflict)
            {
                await ProblemAssertions.ShouldBeProblemAsync(other, HttpStatusCode.Conflict);
                other.Headers.RetryAfter.ShouldNotBeNull();
            }
            else
            {
                other.StatusCode.ShouldBe(HttpStatusCode.Created);
                ProbeNotes.IsReplay(other).ShouldBeTrue();
                (await other.Content.ReadAsStringAsync()).ShouldBe(originalBody);
            }
        }

        (await ProbeNotes.ListIdsAsync(client)).Count.ShouldBe(1);
    }

    [Fact]
    public async Task A_retry_while_the_first_request_is_in_flight_answers_409_and_later_replays()
    {
        var client = app.ClientFor();
        var key = NewKey();
        var note = ProbeNotes.New();
        var gate = ProbeGates.Create(expected: 1);
        var held = ProbeNotes.Post(note, key);
        held.Headers.Add(ProbeGates.Header, gate.Name);

        var first = client.SendAsync(held);
        await gate.AllArrived.WaitAsync(TimeSpan.FromSeconds(30));
        var duplicate = await client.SendAsync(ProbeNotes.Post(note, key));
        gate.Open();
        var firstResponse = await first;
        var retry = await client.SendAsync(ProbeNotes.Post(note, key));

        var problem = await ProblemAssertions.ShouldBeProblemAsync(duplicate, HttpStatusCode.Conflict);
        problem.GetProperty("title").GetString()!.ShouldContain("in progress");
        firstResponse.StatusCode.ShouldBe(HttpStatusCode.Created);
        retry.StatusCode.ShouldBe(HttpStatusCode.Created);
        ProbeNotes.IsReplay(retry).ShouldBeTrue();
        (await retry.Content.ReadAsStringAsync()).ShouldBe(await firstResponse.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_same_key_from_another_tenant_is_independent()
    {
        var key = NewKey();
        var note = ProbeNotes.New();
        var sameUser = Guid.CreateVersion7();
        var tenantA = app.ClientFor(userId: sameUser);
        var tenantB = app.ClientFor(userId: sameUser);

        var a = await tenantA.SendAsync(ProbeNotes.Post(note, key));
        var b = await tenantB.SendAsync(ProbeNotes.Post(note, key));

        a.StatusCode.ShouldBe(HttpStatusCode.Created);
        b.StatusCode.ShouldBe(HttpStatusCode.Created);
        ProbeNotes.IsReplay(b).ShouldBeFalse();
        (await IdOf(b)).ShouldNotBe(await IdOf(a));
        (await ProbeNotes.ListIdsAsync(tenantB)).ShouldBe([await IdOf(b)]);
    }

    [Fact]
    public async Task The_same_key_from_another_user_of_the_same_tenant_is_independent()
    {
        var key = NewKey();
        var note = ProbeNotes.New();
        var tenant = Guid.CreateVersion7();

        var a = await app.ClientFor(tenant).SendAsync(ProbeNotes.Post(note, key));
        var b = await app.ClientFor(tenant).SendAsync(ProbeNotes.Post(note, key));

        a.StatusCode.ShouldBe(HttpStatusCode.Created);
        b.StatusCode.ShouldBe(HttpStatusCode.Created);
        ProbeNotes.IsReplay(b).ShouldBeFalse();
        (await IdOf(b)).ShouldNotBe(await IdOf(a));
    }

    [Fact]
    public async Task A_key_used_on_one_instance_replays_on_another_sharing_the_database()
    {
        using var instanceB = app.WithSettings(("Http:IdempotencyHours", "24"));
        var tenant = Guid.CreateVersion7();
        var user = Guid.CreateVersion7();
        var clientA = app.ClientFor(tenant, user);
        var clientB = HealthCoreApp.Authorize(instanceB.CreateClient(), tenant, user);
        var key = NewKey();
        var note = ProbeNotes.New();

        var first = await clientA.SendAsync(ProbeNotes.Post(note, key));
        var second = await clientB.SendAsync(ProbeNotes.Post(note, key));

        first.StatusCode.ShouldBe(HttpStatusCode.Created);
        second.StatusCode.ShouldBe(HttpStatusCode.Created);
        ProbeNotes.IsReplay(second).ShouldBeTrue();
        (await second.Content.ReadAsStringAsync()).ShouldBe(await first.Content.ReadAsStringAsync());
        (await ProbeNotes.ListIdsAsync(clientB)).Count.ShouldBe(1);
    }

    [Fact]
    public async Task A_key_in_flight_on_one_instance_answers_409_on_another()
    {
        using var instanceB = app.WithSettings(("Http:IdempotencyHours", "24"));
        var tenant = Guid.CreateVersion7();
        var user = Guid.CreateVersion7();
        var clientA = app.ClientFor(tenant, user);
        var clientB = HealthCoreApp.Authorize(instanceB.CreateClient(), tenant, user);
        var key = NewKey();
        var note = ProbeNotes.New();
        var gate = ProbeGates.Create(expected: 1);
        var held = ProbeNotes.Post(note, key);
        held.Headers.Add(ProbeGates.Header, gate.Name);

        var first = clientA.SendAsync(held);
        await gate.AllArrived.WaitAsync(TimeSpan.FromSeconds(30));
        var duplicate = await clientB.SendAsync(ProbeNotes.Post(note, key));
        gate.Open();

        await ProblemAssertions.ShouldBeProblemAsync(duplicate, HttpStatusCode.Conflict);
        (await first).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await ProbeNotes.ListIdsAsync(clientA)).Count.ShouldBe(1);
    }

    [Fact]
    public async Task A_failed_request_releases_its_key_so_the_client_can_retry()
    {
        var client = app.ClientFor();
        var key = NewKey();

        var first = await client.SendAsync(ProbeNotes.Post(new { }, key, $"{ProbeNotes.Path}/explode"));
        var retry = await client.SendAsync(ProbeNotes.Post(new { }, key, $"{ProbeNotes.Path}/explode"));

        await ProblemAssertions.ShouldBeProblemAsync(first, HttpStatusCode.InternalServerError);
        await ProblemAssertions.ShouldBeProblemAsync(retry, HttpStatusCode.InternalServerError);
        ProbeNotes.IsReplay(retry).ShouldBeFalse();
        (await RecordExistsAsync(key)).ShouldBeFalse();
    }

    [Theory]
    [InlineData(200, true)]
    [InlineData(202, true)]
    [InlineData(404, true)]
    [InlineData(422, true)]
    [InlineData(409, false)]
    [InlineData(429, false)]
    [InlineData(500, false)]
    [InlineData(503, false)]
    public async Task Only_final_answers_are_kept_for_replay(int status, bool kept)
    {
        var client = app.ClientFor();
        var key = NewKey();
        var path = $"{ProbeNotes.Path}/respond/{status}";

        var first = await client.SendAsync(ProbeNotes.Post(new { }, key, path));
        var retry = await client.SendAsync(ProbeNotes.Post(new { }, key, path));

        ((int)first.StatusCode).ShouldBe(status);
        ((int)retry.StatusCode).ShouldBe(status);
        ProbeNotes.IsReplay(retry).ShouldBe(kept);
        (await retry.Content.ReadAsStringAsync() == await first.Content.ReadAsStringAsync()).ShouldBe(kept);
        (await RecordExistsAsync(key)).ShouldBe(kept);
    }

    [Fact]
    public async Task A_response_the_handler_wrote_itself_is_replayed_too()
    {
        var client = app.ClientFor();
        var key = NewKey();
        var path = $"{ProbeNotes.Path}/write-directly";

        var first = await client.SendAsync(ProbeNotes.Post(new { }, key, path));
        var retry = await client.SendAsync(ProbeNotes.Post(new { }, key, path));

        first.StatusCode.ShouldBe(HttpStatusCode.Created);
        (await first.Content.ReadAsStringAsync()).ShouldStartWith("execution ");
        retry.StatusCode.ShouldBe(HttpStatusCode.Created);
        ProbeNotes.IsReplay(retry).ShouldBeTrue();
        retry.Content.Headers.ContentType!.MediaType.ShouldBe("text/plain");
        (await retry.Content.ReadAsStringAsync()).ShouldBe(await first.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_request_rejected_by_validation_does_not_use_up_its_key()
    {
        var client = app.ClientFor();
        var key = NewKey();

        var invalid = await client.SendAsync(ProbeNotes.Post(new { title = "" }, key));
        var valid = await client.SendAsync(ProbeNotes.Post(ProbeNotes.New(), key));

        await ProblemAssertions.ShouldBeProblemAsync(invalid, HttpStatusCode.BadRequest);
        valid.StatusCode.ShouldBe(HttpStatusCode.Created);
        ProbeNotes.IsReplay(valid).ShouldBeFalse();
    }

    [Fact]
    public async Task A_key_longer_than_200_characters_answers_400_naming_the_header()
    {
        var client = app.ClientFor();

        var response = await client.SendAsync(ProbeNotes.Post(ProbeNotes.New(), new string('k', 201)));

        await ShouldBeKeyProblemAsync(response);
        (await ProbeNotes.ListIdsAsync(client)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Two_keys_on_one_request_answer_400_naming_the_header()
    {
        var client = app.ClientFor();
        var request = ProbeNotes.Post(ProbeNotes.New(), NewKey());
        request.Headers.TryAddWithoutValidation("Idempotency-Key", NewKey());

        var response = await client.SendAsync(request);

        await ShouldBeKeyProblemAsync(response);
        (await ProbeNotes.ListIdsAsync(client)).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_key_of_the_maximum_length_is_accepted()
    {
        var client = app.ClientFor();
        var key = new string('k', 200);
        var note = ProbeNotes.New();

        (await client.SendAsync(ProbeNotes.Post(note, key))).StatusCode.ShouldBe(HttpStatusCode.Created);
        var retry = await client.SendAsync(ProbeNotes.Post(note, key));

        ProbeNotes.IsReplay(retry).ShouldBeTrue();
    }

    [Fact]
    public async Task An_expired_key_is_treated_as_unused()
    {
        using var later = WithClockAhead(TimeSpan.FromHours(25));
        var tenant = Guid.CreateVersion7();
        var user = Guid.CreateVersion7();
        var now = app.ClientFor(tenant, user);
        var tomorrow = HealthCoreApp.Authorize(later.CreateClient(), tenant, user);
        (await tomorrow.SendAsync(ProbeNotes.Post(ProbeNotes.New(), NewKey()))).StatusCode.ShouldBe(HttpStatusCode.Created); // its cleanup run is spent
        var key = NewKey();

        var first = await now.SendAsync(ProbeNotes.Post(ProbeNotes.New(), key));
        var afterExpiry = await tomorrow.SendAsync(ProbeNotes.Post(ProbeNotes.New(), key));

        first.StatusCode.ShouldBe(HttpStatusCode.Created);
        afterExpiry.StatusCode.ShouldBe(HttpStatusCode.Created, await afterExpiry.Content.ReadAsStringAsync());
        ProbeNotes.IsReplay(afterExpiry).ShouldBeFalse();
        (await IdOf(afterExpiry)).ShouldNotBe(await IdOf(first));
    }

    [Fact]
    public async Task Expired_records_are_deleted_opportunistically()
    {
        using var later = WithClockAhead(TimeSpan.FromHours(25));
        var expiring = NewKey();
        var fresh = NewKey();
        (await app.ClientFor().SendAsync(ProbeNotes.Post(ProbeNotes.New(), expiring))).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await RecordExistsAsync(expiring)).ShouldBeTrue();

        var response = await HealthCoreApp.Authorize(later.CreateClient()).SendAsync(ProbeNotes.Post(ProbeNotes.New(), fresh));

        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        (await RecordExistsAsync(expiring)).ShouldBeFalse();
        (await RecordExistsAsync(fresh)).ShouldBeTrue();
    }

    [Fact]
    public async Task The_openapi_document_declares_the_idempotency_key_header()
    {
        var document = await ProbeNotes.ReadJsonAsync(await app.CreateClient().GetAsync("/openapi/v1.json"));

        var post = document.GetProperty("paths").EnumerateObject()
            .Single(p => p.Name.TrimEnd('/') == ProbeNotes.Path).Value.GetProperty("post");
        post.GetProperty("parameters").EnumerateArray()
            .ShouldContain(p => p.GetProperty("name").GetString() == "Idempotency-Key" && p.GetProperty("in").GetString() == "header");
        post.GetProperty("responses").TryGetProperty("422", out _).ShouldBeTrue();
        post.GetProperty("responses").GetProperty("201").GetProperty("headers").TryGetProperty("Idempotent-Replayed", out _).ShouldBeTrue();
    }

    private static string NewKey() => Guid.NewGuid().ToString();

    private static async Task ShouldBeKeyProblemAsync(HttpResponseMessage response)
    {
        var problem = await ProblemAssertions.ShouldBeProblemAsync(response, HttpStatusCode.BadRequest);
        problem.GetProperty("errors").TryGetProperty("Idempotency-Key", out _).ShouldBeTrue(problem.GetRawText());
    }

    private static async Task<Guid> IdOf(HttpResponseMessage response) =>
        (await ProbeNotes.ReadJsonAsync(response)).GetProperty("id").GetGuid();

    private async Task<bool> RecordExistsAsync(string key)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PlatformDb>();
        return await db.IdempotencyRecords.AnyAsync(r => r.Key == key);
    }

    private Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> WithClockAhead(TimeSpan shift) =>
        app.WithWebHostBuilder(host => host.ConfigureServices(services => services.AddSingleton<TimeProvider>(new TestClock(shift))));
}

[Collection(PostgresCollection.Name)]
public sealed class IdempotencyTests_on_Postgres(PostgresApp app) : IdempotencyTests(app);

[Collection(SqliteCollection.Name)]
public sealed class IdempotencyTests_on_Sqlite(SqliteApp app) : IdempotencyTests(app);

public sealed class IdempotencyKeyRulesTests
{
    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void An_empty_key_is_rejected_naming_the_header(string key)
    {
        // In-process test clients drop empty header values before they reach the server, so the rule is checked directly.
        var problem = Idempotency.Validate(new StringValues(key));

        problem.ShouldNotBeNull();
        problem.ProblemDetails.Errors.Keys.ShouldBe(["Idempotency-Key"]);
    }

    [Fact]
    public void A_single_key_within_the_limit_is_accepted() =>
        Idempotency.Validate(new StringValues(new string('k', 200))).ShouldBeNull();
}
