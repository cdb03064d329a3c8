using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
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

    /// <summary>
    /// Guards every POST of the group; endpoints marked with <see cref="WithoutIdempotency{TBuilder}"/> are left alone.
    /// The filter has to be added by a group convention, which runs before the endpoint's own conventions (an opt-out),
    /// so the filter looks for the opt-out on the endpoint it runs for; the metadata (marker and OpenAPI) follows in
    /// Finally, once the opt-out is known.
    /// </summary>
    public static RouteGroupBuilder WithIdempotentPosts(this RouteGroupBuilder group)
    {
        ((IEndpointConventionBuilder)group).Add(endpoint =>
        {
            if (IsPost(endpoint))
            {
                Guard(endpoint);
            }
        });
        ((IEndpointConventionBuilder)group).Finally(endpoint =>
        {
            if (IsPost(endpoint) && !endpoint.Metadata.OfType<NotIdempotentEndpoint>().Any())
            {
                Document(endpoint);
            }
        });
        return group;
    }

    /// <summary>Opts a POST out of the group's idempotency keys; the reason is kept in the endpoint's metadata.</summary>
    public static TBuilder WithoutIdempotency<TBuilder>(this TBuilder builder, string reason)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new NotIdempotentEndpoint(reason));

    private static bool IsPost(EndpointBuilder endpoint) =>
        endpoint.Metadata.OfType<IHttpMethodMetadata>().Any(m => m.HttpMethods.Contains(HttpMethods.Post));

    private static bool IsOptedOut(HttpContext context) => context.GetEndpoint()?.Metadata.GetMetadata<NotIdempotentEndpoint>() is not null;

    private static void Guard(EndpointBuilder endpoint)
    {
        // Endpoint filters run after the body is bound; buffering it first lets the filter hash the raw bytes.
        var inner = endpoint.RequestDelegate
            ?? throw new InvalidOperationException($"{endpoint.DisplayName} has no request delegate to guard.");
        endpoint.RequestDelegate = context =>
        {
            if (context.Request.Headers.ContainsKey(KeyHeader) && !IsOptedOut(context))
            {
                context.Request.EnableBuffering();
            }

            return inner(context);
        };

        endpoint.FilterFactories.Add((context, next) =>
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
            return invocation => IsOptedOut(invocation.HttpContext) ? next(invocation) : filter.InvokeAsync(invocation, next);
        });
    }

    private static void Document(EndpointBuilder endpoint)
    {
        endpoint.Metadata.Add(IdempotentEndpoint.Instance);
        foreach (var status in new[] { StatusCodes.Status409Conflict, StatusCodes.Status422UnprocessableEntity })
        {
            endpoint.Metadata.Add(new ProducesResponseTypeMetadata(status, typeof(ProblemDetails), ["application/problem+json"]));
        }

        new ConventionsOf(endpoint).AddOpenApiOperationTransformer(DocumentAsync);
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

    /// <summary>Lets the builder extensions (OpenAPI transformers) apply to an endpoint inside a Finally convention.</summary>
    private sealed class ConventionsOf(EndpointBuilder endpoint) : IEndpointConventionBuilder
    {
        public void Add(Action<EndpointBuilder> convention) => convention(endpoint);

        public void Finally(Action<EndpointBuilder> finallyConvention) => finallyConvention(endpoint);
    }
}

/// <summary>Marks a POST that the platform's idempotency keys guard.</summary>
internal sealed class IdempotentEndpoint
{
    public static readonly IdempotentEndpoint Instance = new();

    private IdempotentEndpoint()
    {
    }
}

/// <summary>Marks a POST deliberately left without idempotency keys, and why.</summary>
internal sealed record NotIdempotentEndpoint(string Reason);
