using System.Net.Http.Headers;
using System.Text.Json;
using HealthCore.Tests.Modules.Scheduling;

namespace HealthCore.Tests.Modules.Clinical;

/// <summary>Notes of one test's encounters, written and moved through the real API.</summary>
internal sealed class Notes(Visits visits)
{
    public Visits Visits { get; } = visits;

    public static object Body(string type = "progress", string title = "Day 2 ward round") => new
    {
        type,
        title,
        sections = new[] { new { title = "Subjective", text = "Slept well, less breathless." }, new { title = "Plan", text = "Continue antibiotics." } },
    };

    public Task<HttpResponseMessage> WriteAsync(Guid encounter, HttpClient? client = null, object? body = null) =>
        (client ?? Visits.Doctor).PostAsJsonAsync($"/api/v1/encounters/{encounter}/notes", body ?? Body());

    public async Task<JsonElement> DraftAsync(Guid encounter, HttpClient? client = null, object? body = null) =>
        await Json.ReadAsync(await WriteAsync(encounter, client, body), HttpStatusCode.Created);

    public async Task<(JsonElement Note, EntityTagHeaderValue ETag)> GetAsync(Guid note, HttpClient? client = null)
    {
        var response = await (client ?? Visits.Doctor).GetAsync($"/api/v1/notes/{note}");
        var body = await Json.ReadAsync(response, HttpStatusCode.OK);
        return (body, response.Headers.ETag!);
    }

    public async Task<HttpResponseMessage> PatchAsync(Guid note, string json, HttpClient? client = null) =>
        await (client ?? Visits.Doctor).SendAsync(MergePatchRequest.Create($"/api/v1/notes/{note}", json, (await GetAsync(note)).ETag));

    public Task<HttpResponseMessage> ActAsync(Guid note, string action, HttpClient? client = null, object? body = null) =>
        (client ?? Visits.Doctor).PostAsJsonAsync($"/api/v1/notes/{note}/{action}", body ?? new { });

    public async Task<List<JsonElement>> VersionsAsync(Guid note, HttpClient? client = null) =>
        [.. (await Json.ReadAsync(await (client ?? Visits.Doctor).GetAsync($"/api/v1/notes/{note}/versions"), HttpStatusCode.OK)).GetProperty("items").EnumerateArray()];

    /// <summary>A note of the encounter written and signed by the visits' doctor.</summary>
    public async Task<Guid> SignedAsync(Guid encounter)
    {
        var id = (await DraftAsync(encounter)).Id();
        await Json.ReadAsync(await ActAsync(id, "sign"), HttpStatusCode.OK);
        return id;
    }
}

internal static class NoteJson
{
    public static JsonElement Current(this JsonElement note) => note.GetProperty("current");

    public static string NoteStatus(this JsonElement note) => note.Current().GetProperty("status").GetString()!;
}
