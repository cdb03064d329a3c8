using HealthCore.Modules.Identity.Contracts;
using HealthCore.Platform.OpenApi;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace HealthCore.Modules.Identity;

/// <summary>
/// Declares, per operation, what authorization implies: the bearer scheme, 401 for every protected operation and
/// 403 where a permission is required, so clients see those outcomes without reading handler code.
/// </summary>
internal sealed class AuthorizationResponses : IOpenApiOperationTransformer
{
    public async Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        var policies = metadata.OfType<AuthorizationPolicy>().ToList();
        if (metadata.OfType<IAllowAnonymous>().Any() || (policies.Count == 0 && !metadata.OfType<IAuthorizeData>().Any()))
        {
            return;
        }

        operation.Security ??= [];
        operation.Security.Add(new OpenApiSecurityRequirement
        {
            [new OpenApiSecuritySchemeReference(OpenApiSetup.BearerScheme, context.Document)] = [],
        });

        var problem = await context.GetOrCreateSchemaAsync(typeof(Microsoft.AspNetCore.Mvc.ProblemDetails), null, cancellationToken);
        operation.Responses ??= [];
        Add(operation, problem, "401", "No valid access token (missing, malformed, expired, revoked or signed by an unknown key).");
        if (policies.SelectMany(p => p.Requirements).OfType<PermissionRequirement>().Select(r => r.Permission).ToList() is { Count: > 0 } permissions)
        {
            Add(operation, problem, "403", $"The user's roles do not grant {string.Join(", ", permissions)}.");
        }
    }

    private static void Add(OpenApiOperation operation, IOpenApiSchema problem, string status, string description)
    {
        operation.Responses![status] = new OpenApiResponse
        {
            Description = description,
            Content = new Dictionary<string, OpenApiMediaType> { ["application/problem+json"] = new() { Schema = problem } },
        };
    }
}
