using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace HealthCore.Tests.Modules.Practitioners;

/// <summary>Request builders (JSON as it goes over the wire) and HTTP helpers for the departments and practitioners API.</summary>
internal static class PractitionersApi
{
    public const string DepartmentsPath = "/api/v1/departments";
    public const string PractitionersPath = "/api/v1/practitioners";

    public static string Unique() => Guid.NewGuid().ToString("N")[..10];

    /// <summary>A department body; without <paramref name="facilityId"/> it names none (<see cref="CreateDepartmentAsync"/> adds the tenant's).</summary>
    public static JsonObject Department(string? name = null, Guid? facilityId = null)
    {
        var body = new JsonObject
        {
            ["name"] = name ?? $"Cardiology {Unique()}",
            ["code"] = $"card-{Unique()}",
            ["type"] = "clinical",
            ["specialty"] = "cardiology",
            ["capabilities"] = new JsonArray("outpatient", "imaging"),
            ["contact"] = new JsonObject { ["phone"] = "+14155550123", ["email"] = "cardiology@example.org" },
        };
        if (facilityId is { } facility)
        {
            body["facilityId"] = facility.ToString();
        }

        return body;
    }

    /// <summary>Creates the department (a default one without <paramref name="body"/>), in the tenant's shared facility unless the body names one.</summary>
    public static async Task<Created> CreateDepartmentAsync(this HttpClient client, JsonObject? body = null)
    {
        var sent = (JsonObject)(body ?? Department()).DeepClone();
        sent["facilityId"] ??= (await client.FacilityAsync()).ToString();
        return await client.CreateAsync(DepartmentsPath, sent);
    }

    public static JsonObject Practitioner(string? family = null, params JsonObject[] memberships) => new()
    {
        ["name"] = new JsonObject { ["family"] = family ?? "Smith", ["given"] = new JsonArray("Anna", "Maria"), ["prefix"] = new JsonArray("Dr.") },
        ["role"] = "physician",
        ["specialties"] = new JsonArray(new JsonObject { ["system"] = "http://snomed.info/sct", ["code"] = "394579002", ["display"] = "Cardiology" }),
        ["licenses"] = new JsonArray(new JsonObject { ["number"] = "MD-12345", ["issuingAuthority"] = "State Medical Board", ["expiresOn"] = "2199-12-31" }),
        ["credentials"] = new JsonArray("MD"),
        ["contact"] = new JsonObject { ["phone"] = "+14155550199", ["email"] = "anna.smith@example.org" },
        ["departments"] = new JsonArray([.. memberships]),
    };

    public static JsonObject Membership(Guid departmentId, string? from = null, string? to = null, params string[] privileges) => new()
    {
        ["departmentId"] = departmentId.ToString(),
        ["privileges"] = new JsonArray([.. privileges.Select(p => JsonValue.Create(p))]),
        ["effectiveFrom"] = from,
        ["effectiveTo"] = to,
    };

    /// <summary>Sets a member at a dotted path (e.g. "contact.phone") to a JSON value; creates objects on the way.</summary>
    public static JsonObject With(this JsonObject body, string path, string json)
    {
        var names = path.Split('.');
        var target = body;
        foreach (var name in names[..^1])
        {
            target = target[name] as JsonObject ?? (JsonObject)(target[name] = new JsonObject());
        }

        target[names[^1]] = JsonNode.Parse(json);
        return body;
    }

    public static async Task<Created> CreateAsync(this HttpClient client, string path, JsonObject body)
    {
        var response = await client.PostAsJsonAsync(path, body);
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.Created, text);
        return new Created(response.Headers.Location!, response.Headers.ETag!, JsonDocument.Parse(text).RootElement);
    }

    public static async Task<HttpResponseMessage> PatchAsync(this HttpClient client, Uri location, object patch, EntityTagHeaderValue? ifMatch)
    {
        var request = new HttpRequestMessage(HttpMethod.Patch, location) { Content = JsonContent.Create(patch, new MediaTypeHeaderValue("application/merge-patch+json")) };
        if (ifMatch is not null)
        {
            request.Headers.IfMatch.Add(ifMatch);
        }

        return await client.SendAsync(request);
    }

    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(expected, text);
        return JsonDocument.Parse(text).RootElement;
    }

    public static async Task<JsonElement> GetJsonAsync(this HttpClient client, string path) => await (await client.GetAsync(path)).JsonAsync();

    /// <summary>Asserts a 400 problem and returns the names of the fields it reports.</summary>
    public static async Task<IReadOnlyList<string>> ErrorFieldsAsync(HttpResponseMessage response)
    {
        var problem = await ProblemAssertions.ShouldBeProblemAsync(response, HttpStatusCode.BadRequest);
        return [.. problem.GetProperty("errors").EnumerateObject().Select(e => e.Name)];
    }

    public static List<string?> Strings(this JsonElement array, string? property = null) =>
        [.. array.EnumerateArray().Select(e => property is null ? e.GetString() : e.GetProperty(property).GetString())];

    public static HttpClient WithRoles(HealthCoreApp app, Guid tenantId, string roles) =>
        HealthCoreApp.Authorize(app.CreateClient(), tenantId, roles: roles);

    internal sealed record Created(Uri Location, EntityTagHeaderValue ETag, JsonElement Body)
    {
        public Guid Id => Body.GetProperty("id").GetGuid();
    }
}
