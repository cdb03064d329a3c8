using System.Text.Json;

namespace HealthCore.Tests.Platform.OpenApi;

public sealed class OpenApiDocumentTests : IClassFixture<ShippedServiceApp>
{
    /// <summary>Set to 1 to rewrite docs/openapi/v1.json from the running service (scripts/update-openapi.sh does this).</summary>
    public const string UpdateVariable = "HEALTHCORE_UPDATE_OPENAPI";

    private readonly ShippedServiceApp app;

    public OpenApiDocumentTests(ShippedServiceApp app) => this.app = app;

    [Fact]
    public async Task The_served_document_is_OpenAPI_3_1_with_the_bearer_scheme()
    {
        var document = JsonDocument.Parse(await app.CreateClient().GetStringAsync("/openapi/v1.json")).RootElement;

        document.GetProperty("openapi").GetString().ShouldStartWith("3.1.");
        var bearer = document.GetProperty("components").GetProperty("securitySchemes").GetProperty("Bearer");
        bearer.GetProperty("type").GetString().ShouldBe("http");
        bearer.GetProperty("scheme").GetString().ShouldBe("bearer");
    }

    [Fact]
    public async Task Swagger_UI_is_served()
    {
        var response = await app.CreateClient().GetAsync("/swagger/index.html");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).ShouldContain("swagger-ui");
    }

    [Fact]
    public async Task The_committed_document_matches_the_served_one()
    {
        var served = Normalize(await app.CreateClient().GetStringAsync("/openapi/v1.json"));
        var path = Path.Combine(Repository.Root, "docs", "openapi", "v1.json");

        if (Environment.GetEnvironmentVariable(UpdateVariable) == "1")
        {
            await File.WriteAllTextAsync(path, served);
        }

        File.Exists(path).ShouldBeTrue($"{path} is missing; run ./scripts/update-openapi.sh");
        var committed = Normalize(await File.ReadAllTextAsync(path));
        committed.ShouldBe(served, "docs/openapi/v1.json is out of date with the code; run ./scripts/update-openapi.sh and commit the result.");
    }

    private static string Normalize(string json) => json.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd() + "\n";
}
