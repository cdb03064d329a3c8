using HealthCore.Platform.Http;
using HealthCore.Platform.Http.Idempotency;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace HealthCore.Tests.Architecture;

/// <summary>The platform's HTTP conventions hold for every endpoint of the shipped service, not just the ones a test visits.</summary>
public sealed class EndpointConventionTests(ShippedServiceApp app) : IClassFixture<ShippedServiceApp>
{
    /// <summary>POSTs without idempotency keys; each carries its reason in the endpoint's metadata.</summary>
    private static readonly HashSet<string> NotIdempotent =
    [
        "POST /api/v1/auth/login",
        "POST /api/v1/auth/refresh",
        "POST /api/v1/auth/logout",
        "POST /api/v1/auth/change-password",
        "POST /api/v1/patients/match",
    ];

    [Fact]
    public void Every_POST_takes_idempotency_keys_unless_opted_out_with_a_reason()
    {
        var posts = Endpoints("POST");

        posts.Count.ShouldBeGreaterThan(30);
        posts.Where(e => e.Metadata.GetMetadata<IdempotentEndpoint>() is null && !NotIdempotent.Contains(e.Name)).Select(e => e.Name)
            .ShouldBeEmpty("every POST under /api/v1 gets idempotency keys from the route group; opt out only with a reason");
        posts.Where(e => NotIdempotent.Contains(e.Name))
            .Where(e => e.Metadata.GetMetadata<IdempotentEndpoint>() is not null
                || string.IsNullOrWhiteSpace(e.Metadata.GetMetadata<NotIdempotentEndpoint>()?.Reason))
            .Select(e => e.Name)
            .ShouldBeEmpty("an opted-out POST is marked WithoutIdempotency(reason) and not guarded");
        NotIdempotent.Where(name => posts.All(e => e.Name != name)).ShouldBeEmpty("the opt-out list names only endpoints that exist");
    }

    [Fact]
    public void Every_PATCH_takes_a_JSON_merge_patch()
    {
        var patches = Endpoints("PATCH");

        patches.Count.ShouldBeGreaterThanOrEqualTo(9);
        patches.Where(e => e.Metadata.GetMetadata<MergePatchEndpoint>() is null).Select(e => e.Name)
            .ShouldBeEmpty("PATCH means JSON merge patch (RFC 7396) everywhere: bind the body as a JsonElement, apply it with MergePatch "
                + "and mark the endpoint with AcceptsMergePatch<TDocument>()");
    }

    private List<(string Name, EndpointMetadataCollection Metadata)> Endpoints(string method) =>
        app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods.Contains(method) == true)
            .Where(e => e.RoutePattern.RawText?.TrimStart('/').StartsWith("api/v1", StringComparison.Ordinal) == true)
            .Select(e => ($"{method} /{e.RoutePattern.RawText!.TrimStart('/').TrimEnd('/')}", e.Metadata))
            .ToList();
}
