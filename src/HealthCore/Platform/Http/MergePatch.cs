using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;

namespace HealthCore.Platform.Http;

/// <summary>
/// PATCH as JSON merge patch (RFC 7396) over a resource's editable document, the same record its POST accepts: the
/// patch is merged into the current document, which is read back and validated exactly like a create. So a member
/// set to null is cleared, arrays are replaced whole, unknown members and bad values are rejected naming the field.
/// </summary>
internal sealed class MergePatch(IOptions<JsonOptions> json)
{
    public const string MediaType = "application/merge-patch+json";

    /// <summary>The merged and validated document, or the 400 that names what is wrong with it.</summary>
    public Result<TDocument> Apply<TDocument>(TDocument current, JsonElement patch)
        where TDocument : class
    {
        var options = json.Value.SerializerOptions;
        if (patch.ValueKind != JsonValueKind.Object)
        {
            return new(null, FieldErrors.Invalid("$", "A merge patch must be a JSON object."));
        }

        var merged = Merge(JsonSerializer.SerializeToNode(current, options), patch);
        TDocument? document;
        try
        {
            document = merged.Deserialize<TDocument>(options);
        }
        catch (JsonException exception)
        {
            // Positions would point into the merged document, not the caller's body: keep only the field and rule.
            var problem = JsonProblem.From(exception);
            return new(null, FieldErrors.Invalid(((HttpValidationProblemDetails)problem).Errors));
        }

        if (document is null)
        {
            return new(null, FieldErrors.Invalid("$", "The patched document is empty."));
        }

        var errors = RequestValidation.ValidateObject(document);
        return errors.Count == 0 ? new(document, null) : new(null, FieldErrors.Invalid(errors));
    }

    // Walks the patch as a JsonElement rather than a JsonObject: a body with a repeated member then means "last one
    // wins", as it does for POST bodies, instead of an ArgumentException from JsonObject.
    private static JsonNode? Merge(JsonNode? target, JsonElement patch)
    {
        if (patch.ValueKind != JsonValueKind.Object)
        {
            return JsonSerializer.SerializeToNode(patch);
        }

        var result = target as JsonObject ?? [];
        foreach (var member in patch.EnumerateObject())
        {
            var existing = result[member.Name];
            result.Remove(member.Name);
            if (member.Value.ValueKind != JsonValueKind.Null)
            {
                result[member.Name] = Merge(existing, member.Value);
            }
        }

        return result;
    }

    internal readonly record struct Result<TDocument>(TDocument? Document, ValidationProblem? Problem);
}

/// <summary>Endpoint metadata: this PATCH takes a JSON merge patch of <see cref="Document"/> (an architecture test requires it).</summary>
internal sealed record MergePatchEndpoint(Type Document);

internal static class MergePatchDocumentation
{
    private const string DefaultDescription = "A JSON merge patch (RFC 7396) of the fields POST accepts: members left out keep their value, "
        + "null clears a member, arrays are replaced whole. The result must be valid as a whole.";

    /// <summary>
    /// Marks a PATCH endpoint (body bound as a JsonElement) as a merge patch of <typeparamref name="TDocument"/> and
    /// documents the body as <c>application/merge-patch+json</c>.
    /// </summary>
    public static RouteHandlerBuilder AcceptsMergePatch<TDocument>(this RouteHandlerBuilder builder, string description = DefaultDescription) =>
        builder.WithMetadata(new MergePatchEndpoint(typeof(TDocument))).AddOpenApiOperationTransformer(async (operation, context, cancellationToken) =>
        {
            // The POST body's component when the document has it (it does whenever POST takes TDocument), else inline.
            IOpenApiSchema schema = await context.GetOrCreateSchemaAsync(typeof(TDocument), null, cancellationToken);
            if (context.Document?.Components?.Schemas?.ContainsKey(typeof(TDocument).Name) == true)
            {
                schema = new OpenApiSchemaReference(typeof(TDocument).Name, context.Document);
            }

            operation.RequestBody = new OpenApiRequestBody
            {
                Required = true,
                Description = description,
                Content = new Dictionary<string, OpenApiMediaType>
                {
                    [MergePatch.MediaType] = new() { Schema = schema },
                    ["application/json"] = new() { Schema = schema },
                },
            };
        });
}
