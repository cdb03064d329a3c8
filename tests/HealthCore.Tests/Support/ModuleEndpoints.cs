using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace HealthCore.Tests.Support;

/// <summary>An endpoint as METHOD and route template, e.g. <c>GET /api/v1/beds/{id:guid}</c>.</summary>
public sealed partial record ApiEndpoint(string Method, string Template)
{
    /// <summary>Whether a request (the URL's query ignored) would reach this endpoint.</summary>
    public bool Matches(string method, string url) =>
        method == Method && Pattern().Replace(Regex.Escape(Template), "[^/]+") is var pattern
        && Regex.IsMatch(url.Split('?')[0].TrimEnd('/'), $"^{pattern.TrimEnd('/')}$");

    public override string ToString() => $"{Method} {Template}";

    // Regex.Escape turns "{id:guid}" into "\{id:guid}".
    [GeneratedRegex(@"\\\{[^}]+\}")]
    private static partial Regex Pattern();
}

/// <summary>The endpoints a module maps (their handlers live in its namespace), read from the running app.</summary>
public static class ModuleEndpoints
{
    public static IReadOnlyList<ApiEndpoint> Of(IServiceProvider services, string moduleNamespace) =>
        [.. services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.OfType<MethodInfo>().FirstOrDefault()?.DeclaringType?.Namespace == moduleNamespace)
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["*"])
                .Select(method => new ApiEndpoint(method, "/" + e.RoutePattern.RawText!.TrimStart('/'))))];
}
