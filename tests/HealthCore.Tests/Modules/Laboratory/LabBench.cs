using System.Net.Http.Headers;
using System.Text.Json;
using HealthCore.Tests.Modules.Orders;
using HealthCore.Tests.Modules.Scheduling;

namespace HealthCore.Tests.Modules.Laboratory;

/// <summary>
/// One test's laboratory bench on top of <see cref="Requisitions"/>: placed laboratory orders, a Lab Technician who
/// collects, receives and rejects specimens, and the laboratory's reads, over the real API.
/// </summary>
internal sealed class LabBench(Requisitions desk)
{
    public const string OrdersPath = "/api/v1/lab/orders";
    public const string SpecimensPath = "/api/v1/lab/specimens";

    public Requisitions Desk { get; } = desk;

    /// <summary>The Lab Technician (lab.specimens.write, lab.results.read).</summary>
    public HttpClient Lab => Desk.Performer;

    /// <summary>A placed laboratory order (potassium and sodium unless <paramref name="extra"/> says otherwise); its id.</summary>
    public async Task<Guid> PlacedAsync(object? extra = null) =>
        (await Desk.DraftAsync(Json.Merge(new { status = "active" }, extra))).Id();

    public Task<HttpResponseMessage> CollectAsync(Guid order, object? body = null, HttpClient? client = null) =>
        body is null ? (client ?? Lab).PostAsync($"{OrdersPath}/{order}/specimens", null) : (client ?? Lab).PostAsJsonAsync($"{OrdersPath}/{order}/specimens", body);

    public async Task<JsonElement> CollectedAsync(Guid order, object? body = null) =>
        await Json.ReadAsync(await CollectAsync(order, body), HttpStatusCode.Created);

    public Task<HttpResponseMessage> ActAsync(Guid specimen, string action, object? body = null, EntityTagHeaderValue? ifMatch = null, HttpClient? client = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"{SpecimensPath}/{specimen}/{action}")
        {
            Content = JsonContent.Create(body ?? (action == "reject" ? new { reason = "haemolysed" } : new { })),
        };
        if (ifMatch is not null)
        {
            request.Headers.IfMatch.Add(ifMatch);
        }

        return (client ?? Lab).SendAsync(request);
    }

    public async Task<JsonElement> ActedAsync(Guid specimen, string action, object? body = null) =>
        await Json.ReadAsync(await ActAsync(specimen, action, body), HttpStatusCode.OK);

    public async Task<JsonElement> RequestAsync(Guid order, HttpClient? client = null) =>
        await Json.ReadAsync(await (client ?? Lab).GetAsync($"{OrdersPath}/{order}"), HttpStatusCode.OK);

    public async Task<(JsonElement Specimen, EntityTagHeaderValue ETag)> SpecimenAsync(Guid specimen)
    {
        var response = await Lab.GetAsync($"{SpecimensPath}/{specimen}");
        return (await Json.ReadAsync(response, HttpStatusCode.OK), response.Headers.ETag!);
    }

    /// <summary>The ids on the worklist for the query (one page).</summary>
    public async Task<List<Guid>> WorklistAsync(string query) =>
        [.. (await Json.ReadAsync(await Lab.GetAsync($"{OrdersPath}?{query}"), HttpStatusCode.OK)).GetProperty("items").EnumerateArray().Select(r => r.Id())];

    /// <summary>Waits (up to 30 s) until the worklist for the query answers <paramref name="condition"/>; the last answer.</summary>
    public async Task<List<Guid>> WorklistEventuallyAsync(string query, Func<List<Guid>, bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var ids = await WorklistAsync(query);
            if (condition(ids) || DateTime.UtcNow > deadline)
            {
                return ids;
            }

            await Task.Delay(100);
        }
    }

    public static string ItemStatus(JsonElement request, int index) => request.GetProperty("items")[index].Status();

    public static Guid PatientOf(JsonElement request) => request.GetProperty("patientId").GetGuid();
}
