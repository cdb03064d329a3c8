using System.Collections.Concurrent;
using System.Text.Json;

namespace HealthCore.Tests.Support;

/// <summary>
/// Real facilities and users of a test client's tenant, created through the Identity API, for request bodies that must
/// name records of the caller's tenant (a department's facilityId, a practitioner's userId). The tenant's facility is
/// provisioned once per tenant; tokens of the test scheme name tenants that need no row of their own.
/// </summary>
internal static class TenantRecords
{
    private static readonly ConcurrentDictionary<string, Lazy<Task<Guid>>> Facilities = new();

    /// <summary>The one facility of the client's tenant the fixtures share, created on first use.</summary>
    public static Task<Guid> FacilityAsync(this HttpClient client) =>
        Facilities.GetOrAdd(TenantOf(client), _ => new Lazy<Task<Guid>>(() => NewFacilityAsync(client))).Value;

    /// <summary>Another active facility of the client's tenant.</summary>
    public static Task<Guid> NewFacilityAsync(this HttpClient client) =>
        CreateAsync(client, "/api/v1/facilities", new { code = $"f-{Guid.NewGuid():N}", name = "Test facility" });

    /// <summary>A new user account of the client's tenant, assigned to the tenant's shared facility.</summary>
    public static async Task<Guid> NewUserAsync(this HttpClient client, string role = "Doctor") =>
        await CreateAsync(client, "/api/v1/users", new
        {
            username = $"u{Guid.NewGuid():N}",
            displayName = "Test User",
            password = $"Pw-{Guid.NewGuid():N}",
            roles = new[] { role },
            facilityIds = new[] { await client.FacilityAsync() },
        });

    // Whatever roles and facilities the client acts with, the records are created by an Admin of the tenant acting tenant-wide.
    private static async Task<Guid> CreateAsync(HttpClient client, string path, object body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        request.Headers.Add(TestAuthentication.RolesHeader, "Admin");
        request.Headers.Add(TestAuthentication.FacilitiesHeader, "*");
        var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.Created, text);
        return JsonDocument.Parse(text).RootElement.GetProperty("id").GetGuid();
    }

    private static string TenantOf(HttpClient client) =>
        client.DefaultRequestHeaders.TryGetValues(TestAuthentication.TenantHeader, out var values)
            ? values.Single()
            : throw new InvalidOperationException("The client acts for no tenant (HealthCoreApp.Authorize sets one).");
}
