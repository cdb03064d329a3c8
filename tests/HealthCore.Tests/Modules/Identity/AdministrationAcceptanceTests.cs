using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json;
using HealthCore.Modules.Identity;
using HealthCore.Modules.Identity.Contracts;
using Microsoft.Extensions.DependencyInjection;
using static HealthCore.Tests.Modules.Identity.AdminTenant;

namespace HealthCore.Tests.Modules.Identity;

/// <summary>
/// The acceptance path on the service as shipped: real ES256 tokens only (no test authentication), the
/// operator's settings (Bootstrap:AdminPassword, i.e. Bootstrap__AdminPassword, and a signing key), nothing seeded.
/// </summary>
public sealed class AdministrationAcceptanceTests
{
    private const string BootstrapPassword = "operator chose this passphrase 7";

    [Fact]
    public async Task The_bootstrapped_admin_creates_a_doctor_who_is_refused_tenant_administration_and_every_write_is_audited()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        await using var app = new ShippedServiceApp(
            ("Bootstrap:AdminPassword", BootstrapPassword),
            ("Auth:SigningKeys:0:Id", "acceptance"),
            ("Auth:SigningKeys:0:PrivateKeyPem", key.ExportPkcs8PrivateKeyPem()));
        await app.Services.GetRequiredService<IdentityBootstrap>().Finished;

        var admin = Bearer(app, await LoginAsync(app, "admin", BootstrapPassword));
        var me = await OkAsync(await admin.GetAsync("/api/v1/me"));
        me.GetProperty("tenant").GetProperty("code").GetString().ShouldBe("demo");
        me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()).ShouldBe([Roles.Admin, Roles.PlatformAdmin]);
        var facilityId = me.GetProperty("facilities")[0].GetProperty("id").GetGuid();

        var doctorRequest = new { username = "dr.grey", displayName = "Dr. Meredith Grey", password = Password, roles = new[] { Roles.Doctor }, facilityIds = new[] { facilityId } };
        var createdDoctor = await admin.PostAsJsonAsync("/api/v1/users", doctorRequest);
        var doctorId = (await CreatedAsync(createdDoctor)).GetProperty("id").GetGuid();
        var rename = Request(HttpMethod.Patch, $"/api/v1/users/{doctorId}", new { displayName = "Dr. M. Grey" }, createdDoctor.Headers.ETag);
        (await admin.SendAsync(rename)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var facilityId2 = (await CreatedAsync(await admin.PostAsJsonAsync("/api/v1/facilities", NewFacility()))).GetProperty("id").GetGuid();
        var configure = Request(HttpMethod.Patch, "/api/v1/config", new { defaultSlotMinutes = 20 }, new EntityTagHeaderValue("\"0\""));
        (await admin.SendAsync(configure)).StatusCode.ShouldBe(HttpStatusCode.OK);

        var doctor = Bearer(app, await LoginAsync(app, "dr.grey", Password));
        (await OkAsync(await doctor.GetAsync("/api/v1/me"))).GetProperty("user").GetProperty("displayName").GetString().ShouldBe("Dr. M. Grey");
        await ProblemAssertions.ShouldBeProblemAsync(
            await doctor.PostAsJsonAsync("/api/v1/users", doctorRequest with { username = "dr.shepherd" }), HttpStatusCode.Forbidden);
        await ProblemAssertions.ShouldBeProblemAsync(await doctor.GetAsync("/api/v1/users"), HttpStatusCode.Forbidden);
        await ProblemAssertions.ShouldBeProblemAsync(await doctor.PostAsJsonAsync("/api/v1/facilities", NewFacility()), HttpStatusCode.Forbidden);
        await ProblemAssertions.ShouldBeProblemAsync(await doctor.GetAsync("/api/v1/audit"), HttpStatusCode.Forbidden);
        await ProblemAssertions.ShouldBeProblemAsync(await doctor.GetAsync("/api/v1/tenants"), HttpStatusCode.Forbidden);
        (await OkAsync(await doctor.GetAsync("/api/v1/config"))).GetProperty("defaultSlotMinutes").GetInt32().ShouldBe(20);

        var doctorRecords = await AuditOfAsync(admin, doctorId);
        doctorRecords.Select(r => r.GetProperty("action").GetString()).ShouldBe(["update", "create"]);
        Change(doctorRecords[1], "username").GetProperty("after").GetString().ShouldBe("dr.grey");
        Change(doctorRecords[1], "roles").GetProperty("after").EnumerateArray().Select(r => r.GetString()).ShouldBe([Roles.Doctor]);
        Change(doctorRecords[0], "displayName").GetProperty("before").GetString().ShouldBe("Dr. Meredith Grey");
        Change(doctorRecords[0], "displayName").GetProperty("after").GetString().ShouldBe("Dr. M. Grey");
        doctorRecords.ShouldAllBe(r => r.GetProperty("actorName").GetString() == "admin");
        Change((await AuditOfAsync(admin, facilityId2)).ShouldHaveSingleItem(), "code").GetProperty("before").ValueKind.ShouldBe(JsonValueKind.Null);
        var settings = (await admin.GetFromJsonAsync<JsonElement>("/api/v1/audit?entityType=TenantConfiguration")).GetProperty("items").EnumerateArray().ShouldHaveSingleItem();
        Change(settings, "defaultSlotMinutes").GetProperty("after").GetInt32().ShouldBe(20);
        (await admin.GetStringAsync("/api/v1/audit/export")).ShouldNotContain(Password);

        var verification = await Audit.AuditTrailTests.VerifyShouldPassAsync(admin);
        verification.GetProperty("tree").GetProperty("verifiedLeaves").GetInt64().ShouldBeGreaterThanOrEqualTo(6, "bootstrap (3 rows) and the four writes at least");
    }

    private static async Task<string> LoginAsync(ShippedServiceApp app, string username, string password)
    {
        var response = await app.CreateClient().PostAsJsonAsync("/api/v1/auth/login", new { tenant = "demo", username, password });
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<TokenResponse>())!.AccessToken;
    }

    private static HttpClient Bearer(ShippedServiceApp app, string accessToken)
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return client;
    }
}
