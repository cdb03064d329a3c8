using System.Net.Http.Headers;
using System.Text.Json;
using HealthCore.Modules.Identity;
using HealthCore.Modules.Identity.Contracts;

namespace HealthCore.Tests.Modules.Identity;

/// <summary>
/// A real tenant of the identity test app (tenant row, one facility, one Admin who can also sign in) and an Admin
/// client acting for it through the test headers; plus builders for the administration endpoints' requests.
/// </summary>
internal sealed class AdminTenant
{
    public const string Password = "correct horse battery 9";

    private readonly IdentityApp app;

    private AdminTenant(IdentityApp app, SeededUser admin)
    {
        this.app = app;
        Seeded = admin;
        Admin = app.ClientFor(admin.TenantId, admin.Id);
    }

    public SeededUser Seeded { get; }

    public Guid TenantId => Seeded.TenantId;

    public Guid FacilityId => Seeded.FacilityId;

    /// <summary>The tenant's Admin (test headers, roles Admin).</summary>
    public HttpClient Admin { get; }

    public static async Task<AdminTenant> StartAsync(IdentityApp app) => new(app, await app.CreateUserAsync(Roles.Admin));

    /// <summary>A client of this tenant with other roles (comma-separated), as another user unless one is given.</summary>
    public HttpClient As(string roles, Guid? userId = null) => HealthCoreApp.Authorize(app.CreateClient(), TenantId, userId, roles);

    public static string Unique(string prefix) => $"{prefix}{Guid.NewGuid():N}"[..20];

    public static Dictionary<string, object?> NewUser(Guid facilityId, params string[] roles) => new()
    {
        ["username"] = Unique("user."),
        ["displayName"] = "Dr. Jane Example",
        ["password"] = Password,
        ["roles"] = roles.Length == 0 ? [Roles.Doctor] : roles,
        ["facilityIds"] = new[] { facilityId },
    };

    public static Dictionary<string, object?> NewFacility(string? code = null) => new()
    {
        ["code"] = code ?? Unique("site-"),
        ["name"] = "North Wing",
        ["address"] = "1 Hospital Road, Leeds",
        ["phone"] = "+44 113 496 0000",
        ["timeZone"] = "Europe/London",
    };

    public async Task<JsonElement> CreateUserAsync(params string[] roles) =>
        await CreatedAsync(await Admin.PostAsJsonAsync("/api/v1/users", NewUser(FacilityId, roles)));

    public async Task<JsonElement> CreateFacilityAsync(string? code = null) =>
        await CreatedAsync(await Admin.PostAsJsonAsync("/api/v1/facilities", NewFacility(code)));

    /// <summary>Logs a user created through the API in with <see cref="Password"/>.</summary>
    public Task<TokenResponse> LoginAsync(JsonElement user) =>
        LoginAsync(app, Seeded.Tenant, user.GetProperty("username").GetString()!, Password);

    public static async Task<TokenResponse> LoginAsync(IdentityApp app, string tenant, string username, string password)
    {
        var response = await app.Anonymous().PostAsJsonAsync("/api/v1/auth/login", new { tenant, username, password });
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<TokenResponse>())!;
    }

    public static async Task<JsonElement> CreatedAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.Created, body);
        response.Headers.Location.ShouldNotBeNull();
        response.Headers.ETag.ShouldNotBeNull();
        return JsonDocument.Parse(body).RootElement;
    }

    public static async Task<JsonElement> OkAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, body);
        return JsonDocument.Parse(body).RootElement;
    }

    public static HttpRequestMessage Request(HttpMethod method, string url, object? body, EntityTagHeaderValue? ifMatch = null)
    {
        var request = new HttpRequestMessage(method, url);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        if (ifMatch is not null)
        {
            request.Headers.IfMatch.Add(ifMatch);
        }

        return request;
    }

    /// <summary>The field names of a 400's errors, after asserting the problem shape.</summary>
    public static async Task<IReadOnlyList<string>> ErrorFieldsAsync(HttpResponseMessage response)
    {
        var problem = await ProblemAssertions.ShouldBeProblemAsync(response, HttpStatusCode.BadRequest);
        return [.. problem.GetProperty("errors").EnumerateObject().Select(e => e.Name)];
    }

    /// <summary>The audit records of the client's tenant about one entity, newest first.</summary>
    public static async Task<List<JsonElement>> AuditOfAsync(HttpClient client, object entityId)
    {
        var page = await client.GetFromJsonAsync<JsonElement>($"/api/v1/audit?entityId={entityId}");
        return [.. page.GetProperty("items").EnumerateArray()];
    }

    public static JsonElement Change(JsonElement record, string field) =>
        record.GetProperty("changes").EnumerateArray().Single(c => c.GetProperty("field").GetString() == field);

    public static Task AuditVerifiesAsync(HttpClient client) => Audit.AuditTrailTests.VerifyShouldPassAsync(client);
}
