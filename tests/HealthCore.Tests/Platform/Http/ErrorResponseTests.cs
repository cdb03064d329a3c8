using System.Net.Http.Headers;
using System.Text;

namespace HealthCore.Tests.Platform.Http;

public abstract class ErrorResponseTests(HealthCoreApp app)
{
    [Fact]
    public async Task An_unknown_route_answers_a_404_problem_with_trace_and_correlation_ids()
    {
        var response = await app.ClientFor().GetAsync("/api/v1/does-not-exist");

        var problem = await ProblemAssertions.ShouldBeProblemAsync(response, HttpStatusCode.NotFound);
        problem.GetProperty("traceId").GetString().ShouldNotBeNullOrEmpty();
        problem.GetProperty("correlationId").GetString().ShouldBe(response.Headers.GetValues("X-Correlation-Id").Single());
    }

    [Fact]
    public async Task A_wrong_method_answers_a_405_problem()
    {
        var response = await app.ClientFor().DeleteAsync("/api/v1/probe-notes");

        await ProblemAssertions.ShouldBeProblemAsync(response, HttpStatusCode.MethodNotAllowed);
    }

    [Fact]
    public async Task A_non_json_body_answers_a_415_problem()
    {
        var response = await app.ClientFor().PostAsync("/api/v1/probe-notes", new StringContent("title=x", Encoding.UTF8, "text/plain"));

        await ProblemAssertions.ShouldBeProblemAsync(response, HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task Malformed_json_answers_a_400_problem_with_the_position()
    {
        var response = await app.ClientFor().PostAsync("/api/v1/probe-notes", Json("{\n  \"title\": \"x\",,\n}"));

        var problem = await ProblemAssertions.ShouldBeProblemAsync(response, HttpStatusCode.BadRequest);
        problem.GetProperty("line").GetInt32().ShouldBe(2);
        problem.GetProperty("detail").GetString()!.ShouldContain("line 2");
    }

    [Fact]
    public async Task An_unknown_property_is_rejected_naming_the_property()
    {
        var response = await app.ClientFor().PostAsync("/api/v1/probe-notes", Json("""{ "title": "x", "titel": "typo" }"""));

        var problem = await ProblemAssertions.ShouldBeProblemAsync(response, HttpStatusCode.BadRequest);
        problem.GetProperty("errors").GetProperty("titel").EnumerateArray().Single().GetString()!.ShouldContain("Unknown property");
    }

    [Fact]
    public async Task A_value_of_the_wrong_type_is_rejected_naming_the_field()
    {
        var response = await app.ClientFor().PostAsync("/api/v1/probe-notes", Json("""{ "title": "x", "dueAt": "not a date" }"""));

        var problem = await ProblemAssertions.ShouldBeProblemAsync(response, HttpStatusCode.BadRequest);
        problem.GetProperty("errors").TryGetProperty("dueAt", out _).ShouldBeTrue();
    }

    [Fact]
    public async Task Validation_failures_answer_400_with_errors_keyed_by_field()
    {
        var response = await app.ClientFor().PostAsJsonAsync("/api/v1/probe-notes", new { title = new string('x', 201) });

        var problem = await ProblemAssertions.ShouldBeProblemAsync(response, HttpStatusCode.BadRequest);
        problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).ShouldContain(name => name.Equals("title", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task An_unhandled_exception_answers_a_500_problem_without_internals()
    {
        var response = await app.ClientFor().PostAsync("/api/v1/probe-notes/explode", null);

        var problem = await ProblemAssertions.ShouldBeProblemAsync(response, HttpStatusCode.InternalServerError);
        problem.GetRawText().ShouldNotContain("hunter2");
        problem.GetRawText().ShouldNotContain("InvalidOperationException");
        problem.GetRawText().ShouldNotContain(" at ");
    }

    [Fact]
    public async Task A_body_over_the_limit_answers_413()
    {
        using var small = app.WithSettings(("Http:MaxRequestBodyBytes", "1024"));
        var client = HealthCoreApp.Authorize(small.CreateClient());

        var response = await client.PostAsJsonAsync("/api/v1/probe-notes", new { title = new string('x', 4000) });

        await ProblemAssertions.ShouldBeProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task A_streamed_body_over_the_limit_answers_413()
    {
        using var small = app.WithSettings(("Http:MaxRequestBodyBytes", "1024"));
        var client = HealthCoreApp.Authorize(small.CreateClient());
        var content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes($$"""{ "title": "{{new string('x', 4000)}}" }""")));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        content.Headers.ContentLength = null;

        var response = await client.PostAsync("/api/v1/probe-notes", content);

        await ProblemAssertions.ShouldBeProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task Exceeding_the_rate_limit_answers_429_with_retry_after()
    {
        using var limited = app.WithSettings(("Http:RateLimit:PermitLimit", "3"), ("Http:RateLimit:WindowSeconds", "60"));
        var client = HealthCoreApp.Authorize(limited.CreateClient());

        HttpResponseMessage? last = null;
        for (var i = 0; i < 4; i++)
        {
            last = await client.GetAsync("/api/v1/probe-notes");
        }

        await ProblemAssertions.ShouldBeProblemAsync(last!, HttpStatusCode.TooManyRequests);
        int.Parse(last!.Headers.GetValues("Retry-After").Single()).ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task Request_validation_does_not_walk_a_handlers_DbContext()
    {
        var client = app.ClientFor();
        await ProbeNotes.CreateAsync(client);
        await ProbeNotes.CreateAsync(client);

        var tracked = await ProbeNotes.ReadJsonAsync(await client.GetAsync($"{ProbeNotes.Path}/tracked-at-start"));

        tracked.GetInt32().ShouldBe(0, "validating the DbContext parameter enumerated its DbSets, loading every row into the change tracker");
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");
}

[Collection(PostgresCollection.Name)]
public sealed class ErrorResponseTests_on_Postgres(PostgresApp app) : ErrorResponseTests(app);

[Collection(SqliteCollection.Name)]
public sealed class ErrorResponseTests_on_Sqlite(SqliteApp app) : ErrorResponseTests(app);
