using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace HealthCore.Platform.OpenApi;

/// <summary>An example request body given on the endpoint, for bodies whose rules span fields (start before end).</summary>
internal sealed record RequestExampleMetadata(string Json);

/// <summary>
/// Gives every JSON request body an example: the endpoint's own (WithRequestExample) or, failing that, the smallest
/// body the schema accepts: the required members with a value of their type, format, pattern, enum or range.
/// </summary>
internal static class RequestExamples
{
    private const int MaxDepth = 6;

    public static RouteHandlerBuilder WithRequestExample(this RouteHandlerBuilder builder, [StringSyntax(StringSyntaxAttribute.Json)] string json) =>
        builder.WithMetadata(new RequestExampleMetadata(json));

    public static Task ApplyAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        var given = context.DescriptionGroups.SelectMany(group => group.Items)
            .Select(description => description.ActionDescriptor.EndpointMetadata)
            .Select(metadata => (Name: metadata.OfType<IEndpointNameMetadata>().FirstOrDefault()?.EndpointName, Example: metadata.OfType<RequestExampleMetadata>().FirstOrDefault()))
            .Where(entry => entry.Name is not null && entry.Example is not null)
            .ToDictionary(entry => entry.Name!, entry => entry.Example!.Json, StringComparer.Ordinal);
        var operations = document.Paths?.Values.SelectMany(path => path.Operations?.Values.AsEnumerable() ?? []) ?? [];
        foreach (var operation in operations)
        {
            foreach (var (mediaType, body) in operation.RequestBody?.Content ?? new Dictionary<string, OpenApiMediaType>())
            {
                if (mediaType.Contains("json", StringComparison.Ordinal) && body is { Example: null, Schema: { } schema } media)
                {
                    media.Example = operation.OperationId is { } id && given.TryGetValue(id, out var example)
                        ? JsonNode.Parse(example)
                        : Smallest(document, schema, 0);
                }
            }
        }

        return Task.CompletedTask;
    }

    private static IOpenApiSchema Resolve(OpenApiDocument document, IOpenApiSchema schema) =>
        schema is OpenApiSchemaReference { Reference.Id: { } id } && document.Components?.Schemas?.TryGetValue(id, out var target) == true
            ? target
            : schema;

    private static JsonNode? Smallest(OpenApiDocument document, IOpenApiSchema schema, int depth)
    {
        schema = Resolve(document, schema);
        if (schema.Enum is { Count: > 0 } values)
        {
            return values.First(value => value is not null)!.DeepClone();
        }

        if (schema.OneOf?.FirstOrDefault(choice => choice.Type != JsonSchemaType.Null) is { } choice)
        {
            return Smallest(document, choice, depth);
        }

        var type = schema.Type ?? JsonSchemaType.Object;
        if (type.HasFlag(JsonSchemaType.Object) && depth < MaxDepth)
        {
            var body = new JsonObject();
            foreach (var name in schema.Required ?? new HashSet<string>())
            {
                if (schema.Properties?.TryGetValue(name, out var property) == true)
                {
                    body[name] = Smallest(document, property, depth + 1);
                }
            }

            return body;
        }

        if (type.HasFlag(JsonSchemaType.Array))
        {
            var items = new JsonArray();
            for (var i = 0; i < Math.Max(schema.MinItems ?? 0, 1) && schema.Items is not null && depth < MaxDepth; i++)
            {
                items.Add(Smallest(document, schema.Items, depth + 1));
            }

            return items;
        }

        if (type.HasFlag(JsonSchemaType.Integer) || type.HasFlag(JsonSchemaType.Number))
        {
            return decimal.TryParse(schema.Minimum, System.Globalization.CultureInfo.InvariantCulture, out var minimum) ? JsonValue.Create(Math.Max(minimum, 1)) : JsonValue.Create(1);
        }

        if (type.HasFlag(JsonSchemaType.Boolean))
        {
            return JsonValue.Create(false);
        }

        if (schema.Pattern == ContractSchemas.LocalTimePattern)
        {
            return JsonValue.Create("09:00");
        }

        return JsonValue.Create(schema.Pattern == Http.ContactFormats.E164Pattern ? "+14155550123" : schema.Format switch
        {
            "uuid" => "0195a0b2-0000-7000-8000-000000000001",
            "date" => "2027-01-04",
            "date-time" => "2027-01-04T09:00:00Z",
            "email" => "someone@example.org",
            _ => "example1".PadRight(schema.MinLength ?? 0, '1')[..Math.Min(Math.Max(schema.MinLength ?? 0, 8), schema.MaxLength ?? 8)],
        });
    }
}
