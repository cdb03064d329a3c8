using System.Text.Json;
using HealthCore.Tests.Support.Probe;

namespace HealthCore.Tests.Platform.Http;

/// <summary>Builders and small helpers for the probe notes the HTTP convention tests work on.</summary>
internal static class ProbeNotes
{
    public const string Path = "/api/v1/probe-notes";

    public static CreateProbeNote New() => new($"note {Guid.NewGuid():N}", null);

    public static async Task<JsonElement> CreateAsync(HttpClient client, CreateProbeNote? note = null)
    {
        var response = await client.PostAsJsonAsync(Path, note ?? New());
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await ReadJsonAsync(response);
    }

    /// <summary>Every note the client's tenant can see, following cursors to the end.</summary>
    public static async Task<List<Guid>> ListIdsAsync(HttpClient client)
    {
        var ids = new List<Guid>();
        string? cursor = null;
        do
        {
            var page = await ReadJsonAsync(await client.GetAsync(cursor is null ? $"{Path}?limit=200" : $"{Path}?limit=200&cursor={cursor}"));
            ids.AddRange(page.GetProperty("items").EnumerateArray().Select(n => n.GetProperty("id").GetGuid()));
            cursor = page.GetProperty("nextCursor").GetString();
        }
        while (cursor is not null);

        return ids;
    }

    public static async Task<JsonElement> ReadJsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    public static HttpRequestMessage Post(object body, string? idempotencyKey, string path = Path)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        if (idempotencyKey is not null)
        {
            request.Headers.TryAddWithoutValidation("Idempotency-Key", idempotencyKey);
        }

        return request;
    }

    public static bool IsReplay(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Idempotent-Replayed", out var values) && values.SingleOrDefault() == "true";
}
