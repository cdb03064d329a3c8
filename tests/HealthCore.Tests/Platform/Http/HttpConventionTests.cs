using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace HealthCore.Tests.Platform.Http;

public sealed class HttpConventionTests : IClassFixture<ShippedServiceApp>
{
    private readonly ShippedServiceApp app;

    public HttpConventionTests(ShippedServiceApp app) => this.app = app;

    [Fact]
    public async Task A_caller_correlation_id_is_echoed()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/health/live");
        request.Headers.Add("X-Correlation-Id", "ward-7:req-42");

        var response = await app.CreateClient().SendAsync(request);

        response.Headers.GetValues("X-Correlation-Id").Single().ShouldBe("ward-7:req-42");
    }

    [Fact]
    public async Task A_correlation_id_is_generated_when_missing_or_unsafe()
    {
        var missing = await app.CreateClient().GetAsync("/health/live");
        var request = new HttpRequestMessage(HttpMethod.Get, "/health/live");
        request.Headers.TryAddWithoutValidation("X-Correlation-Id", "evil value\twith spaces");
        var unsafeOne = await app.CreateClient().SendAsync(request);

        missing.Headers.GetValues("X-Correlation-Id").Single().ShouldMatch("^[0-9a-f]{32}$");
        unsafeOne.Headers.GetValues("X-Correlation-Id").Single().ShouldMatch("^[0-9a-f]{32}$");
    }

    [Fact]
    public async Task Security_headers_are_on_every_response()
    {
        foreach (var path in new[] { "/health/live", "/api/v1/nothing-here" })
        {
            var response = await app.CreateClient().GetAsync(path);

            response.Headers.GetValues("X-Content-Type-Options").Single().ShouldBe("nosniff");
            response.Headers.GetValues("X-Frame-Options").Single().ShouldBe("DENY");
            response.Headers.GetValues("Content-Security-Policy").Single().ShouldContain("frame-ancestors 'none'");
            response.Headers.GetValues("Referrer-Policy").Single().ShouldBe("no-referrer");
        }
    }

    [Fact]
    public async Task No_cross_origin_access_is_allowed_by_default()
    {
        var response = await app.CreateClient().SendAsync(Preflight("https://evil.example"));

        response.Headers.Contains("Access-Control-Allow-Origin").ShouldBeFalse();
    }

    [Fact]
    public async Task Configured_origins_are_allowed_and_others_are_not()
    {
        using var configured = app.WithWebHostBuilder(b => b.UseSetting("Http:CorsOrigins:0", "https://portal.stmary.example"));
        var client = configured.CreateClient();

        var allowed = await client.SendAsync(Preflight("https://portal.stmary.example"));
        var other = await client.SendAsync(Preflight("https://evil.example"));

        allowed.Headers.GetValues("Access-Control-Allow-Origin").Single().ShouldBe("https://portal.stmary.example");
        other.Headers.Contains("Access-Control-Allow-Origin").ShouldBeFalse();
    }

    [Fact]
    public async Task Responses_are_compressed_when_the_client_accepts_it()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/openapi/v1.json");
        request.Headers.Add("Accept-Encoding", "gzip");

        var response = await app.CreateClient().SendAsync(request);

        response.Content.Headers.ContentEncoding.ShouldContain("gzip");
    }

    [Fact]
    public async Task Readiness_reports_the_database_as_json()
    {
        var response = await app.CreateClient().GetAsync("/health/ready");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var body = await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        body.GetProperty("status").GetString().ShouldBe("Healthy");
        body.GetProperty("checks").GetProperty("database").GetProperty("status").GetString().ShouldBe("Healthy");
    }

    [Fact]
    public async Task HTTPS_forwarded_by_a_trusted_proxy_gets_strict_transport_security()
    {
        using var behindProxy = FromAddress(IPAddress.Loopback);

        var response = await behindProxy.CreateClient().SendAsync(ForwardedHttps());

        response.Headers.GetValues("Strict-Transport-Security").Single().ShouldContain("max-age=");
    }

    [Fact]
    public async Task Forwarded_headers_from_an_untrusted_address_are_ignored()
    {
        using var direct = FromAddress(IPAddress.Parse("203.0.113.5"));

        var response = await direct.CreateClient().SendAsync(ForwardedHttps());

        response.Headers.Contains("Strict-Transport-Security").ShouldBeFalse();
    }

    private Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> FromAddress(IPAddress address) =>
        app.WithWebHostBuilder(b => b.ConfigureServices(s => s.AddSingleton<IStartupFilter>(new RemoteAddress(address))));

    private static HttpRequestMessage ForwardedHttps()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/health/live");
        request.Headers.Add("X-Forwarded-Proto", "https");
        request.Headers.Add("X-Forwarded-For", "198.51.100.7");
        return request;
    }

    private static HttpRequestMessage Preflight(string origin)
    {
        var request = new HttpRequestMessage(HttpMethod.Options, "/api/v1/anything");
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", "POST");
        return request;
    }
}
