using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using HealthCore.Modules.Identity;
using HealthCore.Modules.Identity.Contracts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace HealthCore.Tests.Modules.Identity;

public abstract class AuthenticationTests(IdentityApp app)
{
    [Fact]
    public async Task Login_returns_an_ES256_bearer_token_with_the_users_claims_and_key_id()
    {
        var user = await app.CreateUserAsync(Roles.Doctor, Roles.Nurse);

        var tokens = await app.LoginAsync(user);

        tokens.TokenType.ShouldBe("Bearer");
        tokens.ExpiresIn.ShouldBe(15 * 60);
        tokens.RefreshToken.Length.ShouldBeGreaterThanOrEqualTo(43);
        var jwt = new JsonWebToken(tokens.AccessToken);
        jwt.Alg.ShouldBe("ES256");
        jwt.Kid.ShouldBe("test-current");
        jwt.Issuer.ShouldBe("healthcore");
        jwt.Audiences.ShouldBe(["healthcore-api"]);
        jwt.Subject.ShouldBe(user.Id.ToString());
        jwt.GetClaim("tenant_id").Value.ShouldBe(user.TenantId.ToString());
        jwt.GetClaim("name").Value.ShouldBe(user.Username);
        jwt.Claims.Where(c => c.Type == "role").Select(c => c.Value).ShouldBe([Roles.Doctor, Roles.Nurse], ignoreOrder: true);
        jwt.GetClaim("security_stamp").Value.ShouldNotBeNullOrWhiteSpace();
        (jwt.ValidTo - jwt.ValidFrom).ShouldBe(TimeSpan.FromMinutes(15));
    }

    [Fact]
    public async Task Usernames_and_tenant_codes_are_matched_without_regard_to_case()
    {
        var user = await app.CreateUserAsync(Roles.Nurse);

        var response = await app.Anonymous().PostAsJsonAsync("/api/v1/auth/login",
            new { tenant = user.Tenant.ToUpperInvariant(), username = user.Username.ToLowerInvariant(), password = user.Password });

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Wrong_password_unknown_user_and_unknown_tenant_answer_the_same_401()
    {
        var user = await app.CreateUserAsync(Roles.Nurse);
        var attempts = new[]
        {
            new { tenant = user.Tenant, username = user.Username, password = "Wrong-password-123" },
            new { tenant = user.Tenant, username = "nobody-here", password = user.Password },
            new { tenant = "no-such-tenant", username = user.Username, password = user.Password },
        };

        var bodies = new List<string>();
        foreach (var attempt in attempts)
        {
            var problem = await ProblemAssertions.ShouldBeProblemAsync(
                await app.Anonymous().PostAsJsonAsync("/api/v1/auth/login", attempt), HttpStatusCode.Unauthorized);
            bodies.Add(WithoutIds(problem));
        }

        bodies.Distinct().Count().ShouldBe(1, string.Join("\n", bodies));
    }

    [Fact]
    public async Task Five_failures_lock_the_account_even_for_the_right_password_until_the_lockout_ends()
    {
        var user = await app.CreateUserAsync(Roles.Nurse);
        var client = app.Anonymous();
        for (var i = 0; i < 4; i++)
        {
            (await client.PostAsJsonAsync("/api/v1/auth/login", user.Login("Wrong-password-123"))).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        }

        // Four failures do not lock: the right password still works and resets the count.
        (await client.PostAsJsonAsync("/api/v1/auth/login", user.Login())).StatusCode.ShouldBe(HttpStatusCode.OK);
        for (var i = 0; i < 5; i++)
        {
            (await client.PostAsJsonAsync("/api/v1/auth/login", user.Login("Wrong-password-123"))).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        }

        var locked = await client.PostAsJsonAsync("/api/v1/auth/login", user.Login());
        var wrongTenant = await client.PostAsJsonAsync("/api/v1/auth/login", new { tenant = "no-such-tenant", username = "x", password = "y" });
        WithoutIds(await ProblemAssertions.ShouldBeProblemAsync(locked, HttpStatusCode.Unauthorized))
            .ShouldBe(WithoutIds(await ProblemAssertions.ShouldBeProblemAsync(wrongTenant, HttpStatusCode.Unauthorized)), "a lockout must not be told apart");

        await Task.Delay(IdentityApp.LockoutDuration + TimeSpan.FromMilliseconds(500));
        (await client.PostAsJsonAsync("/api/v1/auth/login", user.Login())).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Refresh_rotates_the_token_and_the_new_pair_works()
    {
        var user = await app.CreateUserAsync(Roles.Nurse);
        var first = await app.LoginAsync(user);

        var response = await app.Anonymous().PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = first.RefreshToken });

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var second = (await response.Content.ReadFromJsonAsync<TokenResponse>())!;
        second.RefreshToken.ShouldNotBe(first.RefreshToken);
        (await app.Bearer(second.AccessToken).GetAsync("/api/v1/me")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await Refresh(second.RefreshToken)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Reusing_a_spent_refresh_token_revokes_its_whole_family_but_not_other_sessions()
    {
        var user = await app.CreateUserAsync(Roles.Nurse);
        var stolen = await app.LoginAsync(user);
        var otherSession = await app.LoginAsync(user);
        var rotated = await (await Refresh(stolen.RefreshToken)).Content.ReadFromJsonAsync<TokenResponse>();

        var reuse = await Refresh(stolen.RefreshToken);

        await ProblemAssertions.ShouldBeProblemAsync(reuse, HttpStatusCode.Unauthorized);
        await ProblemAssertions.ShouldBeProblemAsync(await Refresh(rotated!.RefreshToken), HttpStatusCode.Unauthorized);
        (await Refresh(otherSession.RefreshToken)).StatusCode.ShouldBe(HttpStatusCode.OK);
        await using var scope = app.Services.CreateAsyncScope();
        var stored = await scope.ServiceProvider.GetRequiredService<IdentityDb>().RefreshTokens.IgnoreQueryFilters()
            .Where(t => t.UserId == user.Id).Select(t => t.TokenHash).ToListAsync();
        stored.ShouldNotContain(stolen.RefreshToken, "refresh tokens are stored only as hashes");
        stored.ShouldContain(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(stolen.RefreshToken))));
    }

    [Fact]
    public async Task Concurrent_refreshes_with_one_token_yield_at_most_one_new_token()
    {
        var user = await app.CreateUserAsync(Roles.Nurse);
        var tokens = await app.LoginAsync(user);

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Refresh(tokens.RefreshToken)));

        responses.Count(r => r.StatusCode == HttpStatusCode.OK).ShouldBeLessThanOrEqualTo(1);
        responses.ShouldAllBe(r => r.StatusCode == HttpStatusCode.OK || r.StatusCode == HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Logout_revokes_the_refresh_token_family()
    {
        var user = await app.CreateUserAsync(Roles.Nurse);
        var tokens = await app.LoginAsync(user);

        var logout = await app.Bearer(tokens.AccessToken).PostAsJsonAsync("/api/v1/auth/logout", new { refreshToken = tokens.RefreshToken });

        logout.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        await ProblemAssertions.ShouldBeProblemAsync(await Refresh(tokens.RefreshToken), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Changing_the_password_ends_old_refresh_and_access_tokens()
    {
        var user = await app.CreateUserAsync(Roles.Nurse);
        var old = await app.LoginAsync(user);
        const string newPassword = "a-much-longer-pass phrase";

        var change = await app.Bearer(old.AccessToken).PostAsJsonAsync("/api/v1/auth/change-password",
            new { currentPassword = user.Password, newPassword });

        change.StatusCode.ShouldBe(HttpStatusCode.NoContent, await change.Content.ReadAsStringAsync());
        await ProblemAssertions.ShouldBeProblemAsync(await app.Bearer(old.AccessToken).GetAsync("/api/v1/me"), HttpStatusCode.Unauthorized);
        await ProblemAssertions.ShouldBeProblemAsync(await Refresh(old.RefreshToken), HttpStatusCode.Unauthorized);
        (await app.Anonymous().PostAsJsonAsync("/api/v1/auth/login", user.Login())).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        var fresh = await app.LoginAsync(user, newPassword);
        (await app.Bearer(fresh.AccessToken).GetAsync("/api/v1/me")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("short-pass1", "newPassword")]
    [InlineData("password1234", "newPassword")]
    [InlineData("aaaaaaaaaaaaaaaa", "newPassword")]
    public async Task Change_password_rejects_weak_passwords_and_a_wrong_current_one(string newPassword, string field)
    {
        var user = await app.CreateUserAsync(Roles.Nurse);
        var tokens = await app.LoginAsync(user);
        var client = app.Bearer(tokens.AccessToken);

        var weak = await client.PostAsJsonAsync("/api/v1/auth/change-password", new { currentPassword = user.Password, newPassword });
        var wrongCurrent = await client.PostAsJsonAsync("/api/v1/auth/change-password",
            new { currentPassword = "not-the-password", newPassword = "a-much-longer-pass phrase" });

        (await ProblemAssertions.ShouldBeProblemAsync(weak, HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty(field, out _).ShouldBeTrue();
        (await ProblemAssertions.ShouldBeProblemAsync(wrongCurrent, HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("currentPassword", out _).ShouldBeTrue();
        (await client.GetAsync("/api/v1/me")).StatusCode.ShouldBe(HttpStatusCode.OK, "a rejected change leaves the session alone");
    }

    [Fact]
    public async Task A_deactivated_users_still_valid_access_token_and_refresh_token_are_rejected()
    {
        var user = await app.CreateUserAsync(Roles.Nurse);
        var tokens = await app.LoginAsync(user);
        (await app.Bearer(tokens.AccessToken).GetAsync("/api/v1/me")).StatusCode.ShouldBe(HttpStatusCode.OK);

        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<IdentityDb>().Users.IgnoreQueryFilters()
                .Where(u => u.Id == user.Id).ExecuteUpdateAsync(set => set.SetProperty(u => u.Active, false));
        }

        await ProblemAssertions.ShouldBeProblemAsync(await app.Bearer(tokens.AccessToken).GetAsync("/api/v1/me"), HttpStatusCode.Unauthorized);
        await ProblemAssertions.ShouldBeProblemAsync(await Refresh(tokens.RefreshToken), HttpStatusCode.Unauthorized);
        await ProblemAssertions.ShouldBeProblemAsync(
            await app.Anonymous().PostAsJsonAsync("/api/v1/auth/login", user.Login()), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Me_returns_the_user_tenant_facilities_roles_and_effective_permissions()
    {
        var user = await app.CreateUserAsync(Roles.Receptionist, Roles.Billing);
        var tokens = await app.LoginAsync(user);

        var me = JsonDocument.Parse(await app.Bearer(tokens.AccessToken).GetStringAsync("/api/v1/me")).RootElement;

        me.GetProperty("user").GetProperty("id").GetGuid().ShouldBe(user.Id);
        me.GetProperty("user").GetProperty("username").GetString().ShouldBe(user.Username);
        me.GetProperty("tenant").GetProperty("code").GetString().ShouldBe(user.Tenant);
        me.GetProperty("facilities").EnumerateArray().Select(f => f.GetProperty("id").GetGuid()).ShouldBe([user.FacilityId]);
        me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()).ShouldBe([Roles.Receptionist, Roles.Billing]);
        var permissions = me.GetProperty("permissions").EnumerateArray().Select(p => p.GetString()!).ToList();
        permissions.ShouldContain(Permissions.AppointmentsBook, "from Receptionist");
        permissions.ShouldContain(Permissions.BillingWrite, "from Billing");
        permissions.ShouldNotContain(Permissions.ClinicalRead);
        permissions.ShouldBe(Permissions.ByRole[Roles.Receptionist].Union(Permissions.ByRole[Roles.Billing]).Order(StringComparer.Ordinal).ToList());
    }

    [Fact]
    public async Task A_valid_token_without_the_permission_gets_403_and_with_it_200()
    {
        var doctor = await app.CreateUserAsync(Roles.Doctor);
        var admin = await app.CreateUserAsync(Roles.Admin);

        var refused = await app.Bearer((await app.LoginAsync(doctor)).AccessToken).GetAsync("/api/v1/users");
        var allowed = await app.Bearer((await app.LoginAsync(admin)).AccessToken).GetAsync("/api/v1/users");

        await ProblemAssertions.ShouldBeProblemAsync(refused, HttpStatusCode.Forbidden);
        allowed.StatusCode.ShouldBe(HttpStatusCode.OK);
        var listed = JsonDocument.Parse(await allowed.Content.ReadAsStringAsync()).RootElement.GetProperty("items");
        listed.EnumerateArray().Select(u => u.GetProperty("id").GetGuid()).ShouldBe([admin.Id], "only the caller's tenant is listed");
    }

    [Theory]
    [InlineData("none")]
    [InlineData("malformed")]
    [InlineData("expired")]
    [InlineData("not yet valid")]
    [InlineData("wrong issuer")]
    [InlineData("wrong audience")]
    [InlineData("wrong key")]
    [InlineData("unknown key id")]
    [InlineData("alg none")]
    [InlineData("HS256 with the public key PEM")]
    [InlineData("HS256 with the public key DER")]
    [InlineData("no security stamp")]
    public async Task Bad_tokens_are_rejected_with_a_401_problem(string kind)
    {
        var user = await app.CreateUserAsync(Roles.Admin);
        var genuine = (await app.LoginAsync(user)).AccessToken;
        var token = kind switch
        {
            "none" => null,
            "malformed" => "not.a.jwt",
            "expired" => TokenForge.Forge(genuine, d => (d.IssuedAt, d.NotBefore, d.Expires) = (DateTime.UtcNow.AddHours(-1), DateTime.UtcNow.AddHours(-1), DateTime.UtcNow.AddMinutes(-5))),
            "not yet valid" => TokenForge.Forge(genuine, d => (d.NotBefore, d.Expires) = (DateTime.UtcNow.AddMinutes(5), DateTime.UtcNow.AddMinutes(20))),
            "wrong issuer" => TokenForge.Forge(genuine, d => d.Issuer = "https://evil.example"),
            "wrong audience" => TokenForge.Forge(genuine, d => d.Audience = "another-api"),
            "wrong key" => TokenForge.Forge(genuine, d => d.SigningCredentials = new SigningCredentials(
                new ECDsaSecurityKey(ECDsa.Create(ECCurve.NamedCurves.nistP256)) { KeyId = "test-current" }, SecurityAlgorithms.EcdsaSha256)),
            "unknown key id" => TokenForge.Forge(genuine, d => d.SigningCredentials = new SigningCredentials(
                new ECDsaSecurityKey(IdentityApp.CurrentKey) { KeyId = "someone-elses" }, SecurityAlgorithms.EcdsaSha256)),
            "alg none" => TokenForge.Raw(genuine, "none", hmacKey: null),
            "HS256 with the public key PEM" => TokenForge.Raw(genuine, "HS256", Encoding.ASCII.GetBytes(IdentityApp.CurrentKey.ExportSubjectPublicKeyInfoPem())),
            "HS256 with the public key DER" => TokenForge.Raw(genuine, "HS256", IdentityApp.CurrentKey.ExportSubjectPublicKeyInfo()),
            "no security stamp" => TokenForge.Forge(genuine, d => d.Claims.Remove("security_stamp")),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };

        var response = await (token is null ? app.Anonymous() : app.Bearer(token)).GetAsync("/api/v1/users");

        await ProblemAssertions.ShouldBeProblemAsync(response, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_token_forged_like_the_bad_ones_but_valid_is_accepted()
    {
        // The control for the bad-token cases: the forge itself produces acceptable tokens, so each case fails for its own reason.
        var user = await app.CreateUserAsync(Roles.Admin);
        var genuine = (await app.LoginAsync(user)).AccessToken;

        (await app.Bearer(TokenForge.Forge(genuine)).GetAsync("/api/v1/users")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_token_signed_with_a_retired_key_that_is_still_listed_is_accepted()
    {
        var user = await app.CreateUserAsync(Roles.Admin);
        var genuine = (await app.LoginAsync(user)).AccessToken;

        var token = TokenForge.Forge(genuine, d => d.SigningCredentials = new SigningCredentials(
            new ECDsaSecurityKey(IdentityApp.RetiredKey) { KeyId = "test-retired" }, SecurityAlgorithms.EcdsaSha256));

        (await app.Bearer(token).GetAsync("/api/v1/users")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task The_bootstrapped_demo_admin_signs_in_with_the_configured_password()
    {
        await app.Services.GetRequiredService<IdentityBootstrap>().Finished;
        var response = await app.Anonymous().PostAsJsonAsync("/api/v1/auth/login",
            new { tenant = "demo", username = "admin", password = IdentityApp.AdminPassword });

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var tokens = (await response.Content.ReadFromJsonAsync<TokenResponse>())!;
        var me = JsonDocument.Parse(await app.Bearer(tokens.AccessToken).GetStringAsync("/api/v1/me")).RootElement;
        me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()).ShouldBe([Roles.Admin, Roles.PlatformAdmin]);
        me.GetProperty("facilities").GetArrayLength().ShouldBe(1);
        me.GetProperty("permissions").EnumerateArray().Select(p => p.GetString()).ShouldContain(Permissions.TenantsManage);
    }

    [Fact]
    public async Task Login_has_its_own_stricter_rate_limit_answering_429_with_Retry_After()
    {
        using var limited = app.WithSettings(("Auth:RateLimit:PermitLimit", "2"), ("Auth:RateLimit:WindowSeconds", "60"));
        var client = limited.CreateClient();
        var body = new { tenant = "no-such-tenant", username = "x", password = "y" };

        (await client.PostAsJsonAsync("/api/v1/auth/login", body)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await client.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = "unknown" })).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        var refused = await client.PostAsJsonAsync("/api/v1/auth/login", body);

        await ProblemAssertions.ShouldBeProblemAsync(refused, HttpStatusCode.TooManyRequests);
        int.Parse(refused.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture).ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task The_general_rate_limit_counts_each_signed_in_user_on_their_own()
    {
        var busy = (await app.LoginAsync(await app.CreateUserAsync(Roles.Nurse))).AccessToken;
        var other = (await app.LoginAsync(await app.CreateUserAsync(Roles.Nurse))).AccessToken;
        using var limited = app.WithSettings(("Http:RateLimit:PermitLimit", "2"), ("Http:RateLimit:WindowSeconds", "60"));
        HttpClient Client(string token)
        {
            var client = limited.CreateClient();
            client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
            return client;
        }

        (await Client(busy).GetAsync("/api/v1/me")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await Client(busy).GetAsync("/api/v1/me")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await Client(busy).GetAsync("/api/v1/me")).StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);

        (await Client(other).GetAsync("/api/v1/me")).StatusCode.ShouldBe(HttpStatusCode.OK, "users behind one address do not share a budget");
    }

    private Task<HttpResponseMessage> Refresh(string refreshToken) =>
        app.Anonymous().PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken });

    private static string WithoutIds(JsonElement problem) =>
        JsonSerializer.Serialize(problem.EnumerateObject()
            .Where(p => p.Name is not ("traceId" or "correlationId"))
            .ToDictionary(p => p.Name, p => p.Value.ToString()));
}

[Collection(IdentityPostgresCollection.Name)]
public sealed class AuthenticationTests_on_Postgres(IdentityPostgresApp app) : AuthenticationTests(app);

[Collection(IdentitySqliteCollection.Name)]
public sealed class AuthenticationTests_on_Sqlite(IdentitySqliteApp app) : AuthenticationTests(app);
