using System.Net.Http.Headers;
using HealthCore.Modules.Identity.Contracts;
using Microsoft.IdentityModel.JsonWebTokens;
using static HealthCore.Tests.Modules.Identity.AdminTenant;

namespace HealthCore.Tests.Modules.Identity;

/// <summary>Access tokens carry the facilities a user may act in; Admins (and users assigned to none) act tenant-wide.</summary>
public abstract class FacilityClaimTests(IdentityApp app)
{
    [Fact]
    public async Task A_nurses_token_names_her_facilities_and_an_admins_token_every_facility()
    {
        var tenant = await StartAsync(app);
        var east = (await tenant.CreateFacilityAsync()).GetProperty("id").GetGuid();
        var nurse = NewUser(east, Roles.Nurse);
        var admin = NewUser(east, Roles.Admin);

        var nurseToken = await tenant.LoginAsync(await CreatedAsync(await tenant.Admin.PostAsJsonAsync("/api/v1/users", nurse)));
        var adminToken = await tenant.LoginAsync(await CreatedAsync(await tenant.Admin.PostAsJsonAsync("/api/v1/users", admin)));

        Facilities(nurseToken.AccessToken).ShouldBe([east.ToString()]);
        Facilities(adminToken.AccessToken).ShouldBe(["*"]);
    }

    [Fact]
    public async Task Changing_a_users_facilities_ends_the_access_tokens_issued_with_the_old_ones()
    {
        var tenant = await StartAsync(app);
        var east = (await tenant.CreateFacilityAsync()).GetProperty("id").GetGuid();
        var user = await CreatedAsync(await tenant.Admin.PostAsJsonAsync("/api/v1/users", NewUser(tenant.FacilityId, Roles.Nurse)));
        var before = await tenant.LoginAsync(user);
        (await app.Bearer(before.AccessToken).GetAsync("/api/v1/me")).StatusCode.ShouldBe(HttpStatusCode.OK);

        await OkAsync(await tenant.Admin.SendAsync(Request(
            HttpMethod.Patch, $"/api/v1/users/{user.GetProperty("id").GetGuid()}", new { facilityIds = new[] { east } }, new EntityTagHeaderValue("\"0\""))));

        await ProblemAssertions.ShouldBeProblemAsync(await app.Bearer(before.AccessToken).GetAsync("/api/v1/me"), HttpStatusCode.Unauthorized);
        Facilities((await tenant.LoginAsync(user)).AccessToken).ShouldBe([east.ToString()]);
    }

    private static List<string> Facilities(string accessToken) =>
        [.. new JsonWebToken(accessToken).Claims.Where(c => c.Type == "facility_ids").Select(c => c.Value)];
}

[Collection(IdentityPostgresCollection.Name)]
public sealed class FacilityClaimTests_on_Postgres(IdentityPostgresApp app) : FacilityClaimTests(app);

[Collection(IdentitySqliteCollection.Name)]
public sealed class FacilityClaimTests_on_Sqlite(IdentitySqliteApp app) : FacilityClaimTests(app);
