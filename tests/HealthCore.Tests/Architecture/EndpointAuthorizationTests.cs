using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace HealthCore.Tests.Architecture;

/// <summary>Every endpoint of the shipped service requires authorization, except an explicit allow-list.</summary>
public sealed class EndpointAuthorizationTests(ShippedServiceApp app) : IClassFixture<ShippedServiceApp>
{
    private static readonly HashSet<string> Anonymous =
    [
        "POST /api/v1/auth/login",
        "POST /api/v1/auth/refresh",
        "* /health/live",
        "* /health/ready",
        "GET /metrics",
        "GET /openapi/{documentName}.json",
    ];

    [Fact]
    public void Every_endpoint_requires_authorization_unless_allow_listed()
    {
        var endpoints = Endpoints();

        endpoints.ShouldNotBeEmpty();
        endpoints.Where(e => !e.Anonymous && !e.Authorized).Select(e => e.Name)
            .ShouldBeEmpty("add RequirePermission(...) or RequireAuthorization() to these endpoints");
        endpoints.Where(e => e.Anonymous).Select(e => e.Name).Where(name => !Anonymous.Contains(name))
            .ShouldBeEmpty("anonymous endpoints need a reason and a place in the allow-list");
    }

    [Fact]
    public void The_allow_list_names_only_endpoints_that_exist()
    {
        var names = Endpoints().Select(e => e.Name).ToHashSet();

        Anonymous.Where(name => !names.Contains(name)).ShouldBeEmpty();
    }

    private List<(string Name, bool Anonymous, bool Authorized)> Endpoints() =>
        app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .SelectMany(endpoint => (endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["*"])
                .Select(method => (
                    Name: $"{method} /{endpoint.RoutePattern.RawText?.TrimStart('/')}",
                    Anonymous: endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null,
                    Authorized: endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Count > 0
                        || endpoint.Metadata.GetOrderedMetadata<AuthorizationPolicy>().Count > 0)))
            .ToList();
}
