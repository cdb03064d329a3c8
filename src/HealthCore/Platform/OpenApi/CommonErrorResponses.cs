using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace HealthCore.Platform.OpenApi;

/// <summary>
/// Documents the problem responses the platform can give for any API operation (bad input, limits, rate limiting,
/// unexpected errors), so clients see them even where the handler itself never returns them.
/// </summary>
internal sealed class CommonErrorResponses : IOpenApiOperationTransformer
{
    private static readonly (string Status, string Description)[] Common =
    [
        ("400", "The request is malformed or fails validation (problem details with field errors)."),
        ("413", "The request body exceeds the size limit."),
        ("429", "Too many requests; see Retry-After."),
        ("500", "Unexpected error (problem details with a correlation id, no internals)."),
    ];

    public async Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        if (context.Description.RelativePath?.StartsWith("api/", StringComparison.Ordinal) != true)
        {
            return;
        }

        var problemSchema = await context.GetOrCreateSchemaAsync(typeof(Microsoft.AspNetCore.Mvc.ProblemDetails), null, cancellationToken);
        operation.Responses ??= [];
        foreach (var (status, description) in Common)
        {
            if (operation.Responses.ContainsKey(status))
            {
                continue;
            }

            operation.Responses[status] = new OpenApiResponse
            {
                Description = description,
                Content = new Dictionary<string, OpenApiMediaType>
                {
                    ["application/problem+json"] = new() { Schema = problemSchema },
                },
            };
        }
    }
}
