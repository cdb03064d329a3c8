using System.Reflection;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;

namespace HealthCore.Platform.Http;

/// <summary>
/// Typed problem outcomes for handlers' Results&lt;...&gt; unions: each writes an RFC 9457 body through the
/// ProblemDetails service (so it carries traceId and correlationId) and declares itself in the OpenAPI document.
/// </summary>
internal abstract class ApiProblem(int status, string title, string? detail, IDictionary<string, object?>? extensions)
    : IResult, IStatusCodeHttpResult
{
    public int? StatusCode => status;

    public string Title => title;

    public string? Detail => detail;

    public Task ExecuteAsync(HttpContext httpContext) =>
        TypedResults.Problem(detail, statusCode: status, title: title, extensions: extensions).ExecuteAsync(httpContext);

    protected static void Declare(EndpointBuilder builder, params int[] statuses)
    {
        foreach (var code in statuses)
        {
            builder.Metadata.Add(new ProducesResponseTypeMetadata(code, typeof(ProblemDetails), ["application/problem+json"]));
        }
    }
}

internal sealed class NotFoundProblem(string title, string? detail)
    : ApiProblem(StatusCodes.Status404NotFound, title, detail, null), IEndpointMetadataProvider
{
    public static NotFoundProblem For(string resource, object id) =>
        new($"{resource} not found.", $"No {resource.ToLowerInvariant()} with id '{id}' exists (or it belongs to another tenant).");

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) => Declare(builder, StatusCodes.Status404NotFound);
}

internal sealed class ConflictProblem(string title, string? detail, IDictionary<string, object?>? extensions = null)
    : ApiProblem(StatusCodes.Status409Conflict, title, detail, extensions), IEndpointMetadataProvider
{
    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) => Declare(builder, StatusCodes.Status409Conflict);
}

/// <summary>412 when If-Match is stale, 428 when it is missing.</summary>
internal sealed class PreconditionProblem(int status, string title, string? detail)
    : ApiProblem(status, title, detail, null), IEndpointMetadataProvider
{
    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
        Declare(builder, StatusCodes.Status412PreconditionFailed, StatusCodes.Status428PreconditionRequired);
}

/// <summary>422; <paramref name="extensions"/> may carry field errors (<c>errors</c>) like a validation problem's.</summary>
internal sealed class UnprocessableProblem(string title, string? detail, IDictionary<string, object?>? extensions = null)
    : ApiProblem(StatusCodes.Status422UnprocessableEntity, title, detail, extensions), IEndpointMetadataProvider
{
    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) => Declare(builder, StatusCodes.Status422UnprocessableEntity);
}

/// <summary>403 for a rule that depends on the data, beyond the endpoint's permission (e.g. who may grant a role).</summary>
internal sealed class ForbiddenProblem(string title, string? detail)
    : ApiProblem(StatusCodes.Status403Forbidden, title, detail, null), IEndpointMetadataProvider
{
    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) => Declare(builder, StatusCodes.Status403Forbidden);
}
