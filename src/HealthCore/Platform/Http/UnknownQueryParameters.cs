using System.Reflection;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.Metadata;

namespace HealthCore.Platform.Http;

/// <summary>
/// A query parameter the endpoint does not declare answers 400 naming it, as an unknown body property does: a
/// misspelt or unsupported filter (<c>/beds?icu=true</c>) would otherwise be ignored and answer everything.
/// The declared names are the handler's parameters (and the members of its [AsParameters] records), compared
/// without regard to case as ASP.NET Core binds them.
/// </summary>
internal static class UnknownQueryParameters
{
    public static TBuilder WithKnownQueryParameters<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilterFactory((context, next) =>
        {
            var services = context.ApplicationServices.GetService<IServiceProviderIsService>();
            var declared = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var parameter in context.MethodInfo.GetParameters())
            {
                Collect(parameter.ParameterType, parameter, parameter.Name, services, declared, depth: 0);
            }

            return invocation =>
            {
                var unknown = invocation.HttpContext.Request.Query.Keys.Where(key => !declared.Contains(key)).ToList();
                return unknown.Count == 0
                    ? next(invocation)
                    : ValueTask.FromResult<object?>(FieldErrors.Invalid(unknown.ToDictionary(
                        key => key,
                        key => new[] { $"Unknown query parameter '{key}'. Known: {(declared.Count == 0 ? "none" : string.Join(", ", declared.Order(StringComparer.Ordinal)))}." },
                        StringComparer.Ordinal)));
            };
        });

    private static void Collect(
        Type type, ICustomAttributeProvider attributes, string? name, IServiceProviderIsService? services, HashSet<string> declared, int depth)
    {
        var markers = attributes.GetCustomAttributes(true);
        if (name is null || depth > 4 || IsFramework(type) || services?.IsService(type) == true
            || markers.Any(m => m is IFromBodyMetadata or IFromServiceMetadata or IFromHeaderMetadata or IFromRouteMetadata or IFromFormMetadata))
        {
            return;
        }

        if (markers.OfType<AsParametersAttribute>().Any())
        {
            var constructorParameters = type.GetConstructors().SelectMany(c => c.GetParameters()).ToList();
            foreach (var member in constructorParameters)
            {
                Collect(member.ParameterType, member, member.Name, services, declared, depth + 1);
            }

            foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .Where(p => p.CanWrite && constructorParameters.All(c => !string.Equals(c.Name, p.Name, StringComparison.OrdinalIgnoreCase))))
            {
                Collect(property.PropertyType, property, property.Name, services, declared, depth + 1);
            }

            return;
        }

        var fromQuery = markers.OfType<IFromQueryMetadata>().FirstOrDefault();
        declared.Add(fromQuery?.Name ?? name);
    }

    private static bool IsFramework(Type type) =>
        type == typeof(HttpContext) || type == typeof(HttpRequest) || type == typeof(HttpResponse)
        || type == typeof(CancellationToken) || type == typeof(ClaimsPrincipal) || type == typeof(Stream)
        || type == typeof(System.IO.Pipelines.PipeReader) || type == typeof(IFormCollection) || type == typeof(IFormFileCollection);
}
