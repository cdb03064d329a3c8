using System.Text.Json;
using System.Text.Json.Nodes;
using HealthCore.Tests.Modules.Scheduling;

namespace HealthCore.Tests.Modules.Clinical;

/// <summary>Answers that are complete and valid for the shipped forms, and the calls that record and read assessments.</summary>
internal static class Assessments
{
    /// <summary>Morse 40 (moderate: fall history 25, secondary diagnosis 15), Braden 12 (high), MUST 3 (high).</summary>
    public static JsonObject Admission() => new()
    {
        ["fallHistory"] = "yes",
        ["lastFallOn"] = "2026-10-01",
        ["secondaryDiagnosis"] = "yes",
        ["ambulatoryAid"] = "none",
        ["intravenousAccess"] = "no",
        ["gait"] = "normal",
        ["mentalStatus"] = "oriented",
        ["sensoryPerception"] = 2,
        ["moisture"] = 2,
        ["activity"] = 2,
        ["mobility"] = 2,
        ["nutrition"] = 2,
        ["frictionShear"] = 2,
        ["mustBmi"] = "under18.5",
        ["mustWeightLoss"] = "from5to10",
        ["mustAcuteDisease"] = "no",
        ["notes"] = "Fell at home last month.",
    };

    public static JsonObject Radiology() => new()
    {
        ["contrastAllergy"] = true,
        ["contrastReaction"] = "Hives after iodinated contrast",
        ["egfr"] = 52.5m,
        ["egfrMeasuredOn"] = "2026-11-30",
        ["pregnancyStatus"] = "notApplicable",
        ["implants"] = new JsonArray("jointProsthesis", "pacemaker"),
        ["implantDetails"] = "Left hip, 2021",
    };

    /// <summary>The assessment endpoints and the assessment-form endpoints.</summary>
    public static bool IsAssessmentEndpoint(ApiEndpoint endpoint) => endpoint.Template.Contains("/assessment", StringComparison.Ordinal);

    public static JsonObject With(this JsonObject answers, string field, JsonNode? value)
    {
        var copy = answers.DeepClone().AsObject();
        copy[field] = value;
        return copy;
    }

    public static Task<HttpResponseMessage> PostAsync(HttpClient client, Guid encounter, string formKey, JsonObject answers, int? formVersion = null) =>
        client.PostAsJsonAsync($"/api/v1/encounters/{encounter}/assessments", new { formKey, formVersion, answers });

    public static async Task<JsonElement> RecordAsync(HttpClient client, Guid encounter, string formKey, JsonObject answers, int? formVersion = null) =>
        await Json.ReadAsync(await PostAsync(client, encounter, formKey, answers, formVersion), HttpStatusCode.Created);

    public static Task<HttpResponseMessage> CorrectAsync(HttpClient client, Guid assessment, JsonObject answers) =>
        client.PostAsJsonAsync($"/api/v1/assessments/{assessment}/correct", new { answers });

    /// <summary>A POST whose If-Match names a version the resource has not reached.</summary>
    public static HttpRequestMessage WithStaleIfMatch(string url, object body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(body) };
        request.Headers.IfMatch.Add(new System.Net.Http.Headers.EntityTagHeaderValue("\"7\""));
        return request;
    }

    public static async Task<JsonElement> GetAsync(HttpClient client, Guid assessment) =>
        await Json.ReadAsync(await client.GetAsync($"/api/v1/assessments/{assessment}"), HttpStatusCode.OK);

    public static async Task<List<JsonElement>> ListAsync(HttpClient client, string url) =>
        [.. (await Json.ReadAsync(await client.GetAsync(url), HttpStatusCode.OK)).GetProperty("items").EnumerateArray()];

    public static List<string> ErrorFields(this JsonElement problem) => [.. problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal)];

    public static string Error(this JsonElement problem, string field) => problem.GetProperty("errors").GetProperty(field)[0].GetString()!;

    public static (int Total, string Band) Score(this JsonElement assessment, string key) =>
        assessment.GetProperty("scores").EnumerateArray().Where(s => s.GetProperty("key").GetString() == key)
            .Select(s => (s.GetProperty("total").GetInt32(), s.GetProperty("band").GetString()!)).Single();
}
