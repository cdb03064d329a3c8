namespace HealthCore.Tests.Platform.Http;

public abstract class UnknownQueryParameterTests(HealthCoreApp app)
{
    [Theory]
    [InlineData("/api/v1/beds?icu=true", "icu")]
    [InlineData("/api/v1/patients?nmae=Okafor", "nmae")]
    [InlineData("/api/v1/appointments?limit=5&colour=red", "colour")]
    [InlineData("/api/v1/facilities?Limit=5&sort=name", "sort")]
    public async Task An_unknown_query_parameter_answers_400_naming_it(string path, string unknown)
    {
        var response = await app.ClientFor().GetAsync(path);

        var problem = await ProblemAssertions.ShouldBeProblemAsync(response, HttpStatusCode.BadRequest);
        var errors = problem.GetProperty("errors");
        errors.TryGetProperty(unknown, out var messages).ShouldBeTrue(errors.ToString());
        messages[0].GetString()!.ShouldContain(unknown);
        errors.EnumerateObject().Count().ShouldBe(1, "declared parameters (in any case) are not reported");
    }

    [Theory]
    [InlineData("/api/v1/beds?LIMIT=5")]
    [InlineData("/api/v1/facilities?limit=5")]
    public async Task Declared_query_parameters_are_accepted_in_any_case(string path)
    {
        var response = await app.ClientFor().GetAsync(path);

        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }
}

[Collection(PostgresCollection.Name)]
public sealed class UnknownQueryParameterTests_on_Postgres(PostgresApp app) : UnknownQueryParameterTests(app);

[Collection(SqliteCollection.Name)]
public sealed class UnknownQueryParameterTests_on_Sqlite(SqliteApp app) : UnknownQueryParameterTests(app);
