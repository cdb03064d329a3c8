using System.Net.Http.Headers;
using System.Text.Json;
using HealthCore.Modules.Laboratory.Contracts;
using HealthCore.Platform.Security;
using Microsoft.Extensions.DependencyInjection;

namespace HealthCore.Tests.Modules.Laboratory;

/// <summary>Tiny builders and calls for the laboratory catalogue endpoints.</summary>
internal static class LabApi
{
    public const string TestsPath = "/api/v1/lab/tests";

    /// <summary>A local code no other test uses (random, not time-ordered, so that two made in one millisecond differ).</summary>
    public static string UniqueCode() => $"L-{Guid.NewGuid():N}"[..24];

    /// <summary>A potassium-like quantity test; vary it by editing the dictionary.</summary>
    public static Dictionary<string, object?> Quantity(params object[] ranges) => new()
    {
        ["display"] = "Potassium (local method)",
        ["kind"] = "test",
        ["synonyms"] = new[] { "K local" },
        ["specimen"] = new { type = "Serum or plasma", container = "Lithium heparin tube", volumeMl = 0.5 },
        ["valueType"] = "quantity",
        ["unit"] = "mmol/L",
        ["turnaround"] = new { routine = 240, stat = 60 },
        ["priceCode"] = "LOCAL-K",
        ["deltaCheck"] = new { kind = "absolute", limit = 1.0 },
        ["ranges"] = ranges.Length > 0 ? ranges : [new { sex = "any", ageFrom = "P18Y", low = 3.5, high = 5.1, criticalLow = 2.8, criticalHigh = 6.2 }],
    };

    public static Dictionary<string, object?> Panel(params string[] members) => new()
    {
        ["display"] = "Local panel",
        ["kind"] = "panel",
        ["members"] = members,
        ["priceCode"] = "LOCAL-P",
    };

    public static async Task<HttpResponseMessage> PutAsync(HttpClient client, string code, object body, EntityTagHeaderValue? ifMatch = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, $"{TestsPath}/{code}") { Content = JsonContent.Create(body) };
        if (ifMatch is not null)
        {
            request.Headers.IfMatch.Add(ifMatch);
        }

        return await client.SendAsync(request);
    }

    /// <summary>Defines a test (or panel) under a fresh code and returns the code.</summary>
    public static async Task<string> CreateAsync(HttpClient client, object? body = null, string? code = null)
    {
        code ??= UniqueCode();
        var response = await PutAsync(client, code, body ?? Quantity());
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return code;
    }

    public static async Task<(JsonElement Test, EntityTagHeaderValue ETag)> GetAsync(HttpClient client, string code)
    {
        var response = await client.GetAsync($"{TestsPath}/{code}");
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, body);
        return (JsonDocument.Parse(body).RootElement, response.Headers.ETag!);
    }

    public static async Task<JsonElement> RangeAsync(HttpClient client, string code, string query)
    {
        var response = await client.GetAsync($"{TestsPath}/{code}/reference-range?{query}");
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, body);
        return JsonDocument.Parse(body).RootElement.GetProperty("range");
    }

    public static async Task<List<string>> CodesAsync(HttpClient client, string query)
    {
        var page = await client.GetFromJsonAsync<JsonElement>($"{TestsPath}?{query}");
        return [.. page.GetProperty("items").EnumerateArray().Select(t => t.GetProperty("code").GetString()!)];
    }

    public static async Task<Dictionary<string, string[]>> ErrorsAsync(HttpResponseMessage response)
    {
        var problem = await ProblemAssertions.ShouldBeProblemAsync(response, HttpStatusCode.BadRequest);
        return problem.GetProperty("errors").Deserialize<Dictionary<string, string[]>>()!;
    }

    /// <summary>Runs <paramref name="use"/> with the catalogue contract as the tenant's code (an order, a result entry) would get it.</summary>
    public static async Task<T> WithCatalogAsync<T>(IServiceProvider services, Guid tenantId, Func<ILabTestCatalog, Task<T>> use)
    {
        await using var scope = services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentTenant>().ActAs(tenantId, null);
        return await use(scope.ServiceProvider.GetRequiredService<ILabTestCatalog>());
    }
}
