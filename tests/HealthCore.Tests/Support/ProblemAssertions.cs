using System.Text.Json;

namespace HealthCore.Tests.Support;

internal static class ProblemAssertions
{
    /// <summary>Asserts an RFC 9457 body with the status, a title, a trace id and the echoed correlation id.</summary>
    public static async Task<JsonElement> ShouldBeProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(status, body);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json", body);
        var problem = JsonDocument.Parse(body).RootElement;
        problem.GetProperty("status").GetInt32().ShouldBe((int)status);
        problem.GetProperty("title").GetString().ShouldNotBeNullOrWhiteSpace();
        problem.GetProperty("traceId").GetString().ShouldNotBeNullOrWhiteSpace();
        problem.GetProperty("correlationId").GetString().ShouldBe(response.Headers.GetValues("X-Correlation-Id").Single());
        return problem;
    }
}
