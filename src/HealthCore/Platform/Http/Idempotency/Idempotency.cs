using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using Microsoft.OpenApi;

namespace HealthCore.Platform.Http.Idempotency;

/// <summary>
/// Idempotency keys for mutating POSTs: the first response to (principal, endpoint, key) is stored for
/// Http:IdempotencyHours; a retry with the same body replays it with Idempotent-Replayed: true, a different body
/// answers 422, and a retry while the first is still running answers 409. Requests without the header are untouched.
/// </summary>
internal static class Idempotency
{
    public const string KeyHeader = "Idempotency-Key";
    public const string ReplayedHeader = "Idempotent-Replayed";

    public static RouteHandlerBuilder WithIdempotency(this RouteHandlerBuilder builder)
    {
        // Endpoint filters run after the body is bound; buffering it first lets the filter hash the raw bytes.
        builder.Add(endpoint =>
        {
            var inner = endpoint.RequestDelegate
                ?? throw new InvalidOperationException($"{endpoint.DisplayName} has no request delegate to guard.");
            endpoint.RequestDelegate = context =>
            {
                if (context.Request.Headers.ContainsKey(KeyHeader))
                {
                    context.Request.EnableBuffering();
                }

                return inner(context);
            };
        });

        builder.AddEndpointFilterFactory((context, next) =>
        {
            var services = context.ApplicationServices;
            var hours = services.GetRequiredService<IOptions<HttpOptions>>().Value.IdempotencyHours;
            if (hours <= 0)
            {
                throw new InvalidOperationException($"{HttpOptions.Section}:IdempotencyHours must be positive.");
            }

            var filter = new IdempotencyFilter(
                services.GetRequiredService<TimeProvider>(),
                TimeSpan.FromHours(hours),
                services.GetRequiredService<IServiceScopeFactory>());
            return invocation => filter.InvokeAsync(invocation, next);
        });

        return builder
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .AddOpenApiOperationTransformer(DocumentAsync);
    }

    internal static ValidationProblem? Validate(StringValues values)
    {
        var problem = values.Count != 1 || string.IsNullOrWhiteSpace(values[0]) ? "Send exactly one non-empty key."
            : values[0]!.Length > IdempotencyRecord.MaxKeyLength ? $"The key must be at most {IdempotencyRecord.MaxKeyLength} characters."
            : null;
        return problem is null
            ? null
            : TypedResults.ValidationProblem(
                new Dictionary<string, string[]> { [KeyHeader] = [problem] },
                title: $"The {KeyHeader} header is invalid.",
                detail: problem);
    }

    private static Task DocumentAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        operation.Parameters ??= [];
        operation.Parameters.Add(new OpenApiParameter
        {
            Name = KeyHeader,
            In = ParameterLocation.Header,
            Required = false,
            Description = "A unique key per intended request (e.g. a UUID). Retrying with the same key and body replays the "
                + "first response instead of repeating the action; a different body answers 422, a retry while the first is "
                + "still running answers 409.",
            Schema = new OpenApiSchema { Type = JsonSchemaType.String, MinLength = 1, MaxLength = IdempotencyRecord.MaxKeyLength },
        });

        foreach (var (status, response) in operation.Responses ?? [])
        {
            if (status.StartsWith('2') && response is OpenApiResponse success)
            {
                success.Headers ??= new Dictionary<string, IOpenApiHeader>();
                success.Headers[ReplayedHeader] = new OpenApiHeader
                {
                    Description = "\"true\" when this response is a replay of the first response to the same Idempotency-Key.",
                    Schema = new OpenApiSchema { Type = JsonSchemaType.String },
                };
            }
        }

        return Task.CompletedTask;
    }
}
