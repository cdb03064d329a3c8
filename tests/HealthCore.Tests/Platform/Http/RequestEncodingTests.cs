using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using HealthCore.Tests.Modules.Patients;

namespace HealthCore.Tests.Platform.Http;

public abstract class RequestEncodingTests(HealthCoreApp app)
{
    // "name": "Jos" + a lone 0xC3 lead byte + "(": not UTF-8.
    private static readonly byte[] InvalidUtf8 = [.. "{\"name\":\"Jos"u8, 0xC3, .. "(\"}"u8];

    [Fact]
    public async Task Invalid_UTF8_in_a_config_patch_answers_400_naming_the_body()
    {
        var client = app.ClientFor();

        var response = await client.SendAsync(Raw(HttpMethod.Patch, "/api/v1/config", [.. "{\"mrnFormat\":\"M"u8, 0xFF, .. "\"}"u8], "application/merge-patch+json"));

        await ShouldNameTheBodyAsync(response);
    }

    [Fact]
    public async Task Invalid_UTF8_in_a_patient_patch_answers_400_and_stores_nothing()
    {
        var client = app.ClientFor();
        var patient = await PatientsApp.RegisterAsync(client, PatientData.New());
        var request = Raw(HttpMethod.Patch, $"/api/v1/patients/{patient.Id()}", [.. "{\"preferredLanguage\":\"f"u8, 0xC3, .. "r\"}"u8], "application/merge-patch+json");
        request.Headers.TryAddWithoutValidation("If-Match", "\"0\"");

        await ShouldNameTheBodyAsync(await client.SendAsync(request));

        var (body, _) = await PatientsApp.GetAsync(client, patient.Id());
        body["preferredLanguage"]?.GetValue<string>().ShouldNotContain("\uFFFD");
    }

    [Fact]
    public async Task Invalid_UTF8_in_a_POST_body_answers_400_naming_the_body()
    {
        var response = await app.ClientFor().SendAsync(Raw(HttpMethod.Post, "/api/v1/departments", InvalidUtf8, "application/json"));

        await ShouldNameTheBodyAsync(response);
    }

    [Fact]
    public async Task A_birth_date_of_year_one_with_a_time_of_death_answers_400_naming_the_field()
    {
        var patient = PatientData.New().With("birthDate", "0001-01-01").With("deceasedAt", JsonValue.Create("2020-01-01T00:00:00Z"));

        var response = await app.ClientFor().PostAsJsonAsync("/api/v1/patients", patient);

        var problem = await ProblemAssertions.ShouldBeProblemAsync(response, HttpStatusCode.BadRequest);
        problem.GetProperty("errors").TryGetProperty("birthDate", out _).ShouldBeTrue(problem.ToString());
    }

    private static HttpRequestMessage Raw(HttpMethod method, string path, byte[] body, string contentType)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        return new HttpRequestMessage(method, path) { Content = content };
    }

    private static async Task ShouldNameTheBodyAsync(HttpResponseMessage response)
    {
        var problem = await ProblemAssertions.ShouldBeProblemAsync(response, HttpStatusCode.BadRequest);
        problem.GetProperty("errors").GetProperty("$")[0].GetString()!.ShouldContain("UTF-8");
    }
}

[Collection(PostgresCollection.Name)]
public sealed class RequestEncodingTests_on_Postgres(PostgresApp app) : RequestEncodingTests(app);

[Collection(SqliteCollection.Name)]
public sealed class RequestEncodingTests_on_Sqlite(SqliteApp app) : RequestEncodingTests(app);
