using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace HealthCore.Platform.OpenApi;

/// <summary>
/// Makes each schema say what the server accepts and returns, from the C# types: the generator marks every
/// constructor parameter required (nullable or not), leaves instants written by our converter untyped, puts the
/// null of a nullable enum property into the enum itself, and ignores DataAnnotations placed on record parameters.
/// </summary>
internal sealed class ContractSchemas : IOpenApiSchemaTransformer
{
    public const string LocalTimePattern = "^([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9](\\.[0-9]{1,7})?)?$";

    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        var type = context.JsonTypeInfo.Type;
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        if (underlying == typeof(DateTimeOffset) || underlying == typeof(DateTime))
        {
            var nullable = underlying != type && !(context.JsonPropertyInfo is { } property && NullIsNoValue(property));
            schema.Type = nullable ? JsonSchemaType.String | JsonSchemaType.Null : JsonSchemaType.String;
            schema.Format = "date-time";
        }

        // JSON Schema's "time" is an RFC 3339 time with an offset; these are local wall-clock times without one.
        if (underlying == typeof(TimeOnly))
        {
            schema.Format = null;
            schema.Pattern = LocalTimePattern;
            schema.Description ??= "Local wall-clock time, HH:mm or HH:mm:ss, without an offset.";
        }

        if (schema.Enum is { Count: > 0 } values && values.Any(value => value is null))
        {
            schema.Enum = values.Where(value => value is not null).ToList();
            schema.Type &= ~JsonSchemaType.Null;
        }

        if (context.JsonTypeInfo.Kind == JsonTypeInfoKind.Object && context.JsonTypeInfo.Properties.Count > 0 && schema.Properties is not null)
        {
            DescribeProperties(schema, context.JsonTypeInfo);
        }

        return Task.CompletedTask;
    }

    private static void DescribeProperties(OpenApiSchema schema, JsonTypeInfo typeInfo)
    {
        var required = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in typeInfo.Properties)
        {
            if (!schema.Properties!.TryGetValue(property.Name, out var propertySchema))
            {
                continue;
            }

            if (Demanded(property) || (!IsNullable(property) && property.AssociatedParameter is { HasDefaultValue: false }))
            {
                required.Add(property.Name);
            }

            if (propertySchema is OpenApiSchema inline)
            {
                if (NullIsNoValue(property))
                {
                    inline.Type &= ~JsonSchemaType.Null;
                }

                ApplyValidation(inline, AttributesOf(property));
            }
        }

        schema.Required = required;
    }

    /// <summary>
    /// A nullable reference to a component is wrapped in oneOf [null, $ref] only after the schema transformers ran;
    /// where null is no value of the field, the wrapper goes.
    /// </summary>
    public static Task RemoveNullChoicesAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        foreach (var schema in document.Components?.Schemas?.Values.OfType<OpenApiSchema>() ?? [])
        {
            foreach (var name in schema.Required ?? new HashSet<string>())
            {
                if (schema.Properties?.TryGetValue(name, out var property) == true && property.OneOf is { Count: 2 } choices
                    && choices.Count(choice => choice.Type == JsonSchemaType.Null) == 1)
                {
                    schema.Properties[name] = choices.Single(choice => choice.Type != JsonSchemaType.Null);
                }
            }
        }

        return Task.CompletedTask;
    }

    // Null is refused ([Required]) or never written (ignored when null), so it is not a value of the field.
    private static bool NullIsNoValue(JsonPropertyInfo property) => Demanded(property) || IgnoredWhenNull(property);

    private static bool Demanded(JsonPropertyInfo property) => property.IsRequired || AttributesOf(property).OfType<RequiredAttribute>().Any();

    private static bool IsNullable(JsonPropertyInfo property) =>
        property.AssociatedParameter?.IsNullable ?? (property.IsGetNullable || property.IsSetNullable);

    private static bool IgnoredWhenNull(JsonPropertyInfo property) =>
        property.AttributeProvider?.GetCustomAttributes(typeof(JsonIgnoreAttribute), inherit: false)
            .OfType<JsonIgnoreAttribute>()
            .Any(ignore => ignore.Condition is JsonIgnoreCondition.WhenWritingNull or JsonIgnoreCondition.WhenWritingDefault) == true;

    private static List<ValidationAttribute> AttributesOf(JsonPropertyInfo property)
    {
        var attributes = new List<ValidationAttribute>();
        foreach (var provider in new[] { property.AttributeProvider, property.AssociatedParameter?.AttributeProvider })
        {
            if (provider is not null)
            {
                attributes.AddRange(provider.GetCustomAttributes(typeof(ValidationAttribute), inherit: true).OfType<ValidationAttribute>());
            }
        }

        return attributes;
    }

    private static void ApplyValidation(OpenApiSchema schema, IEnumerable<ValidationAttribute> attributes)
    {
        var isArray = schema.Type?.HasFlag(JsonSchemaType.Array) == true;
        foreach (var attribute in attributes)
        {
            switch (attribute)
            {
                case StringLengthAttribute length:
                    schema.MaxLength = length.MaximumLength;
                    if (length.MinimumLength > 0)
                    {
                        schema.MinLength = length.MinimumLength;
                    }

                    break;
                case MinLengthAttribute min when isArray:
                    schema.MinItems = min.Length;
                    break;
                case MinLengthAttribute min:
                    schema.MinLength = min.Length;
                    break;
                case MaxLengthAttribute max when isArray:
                    schema.MaxItems = max.Length;
                    break;
                case MaxLengthAttribute max:
                    schema.MaxLength = max.Length;
                    break;
                case RegularExpressionAttribute regex:
                    schema.Pattern = regex.Pattern;
                    break;
                case RangeAttribute range when IsNumeric(range.OperandType):
                    schema.Minimum = Invariant(range.Minimum);
                    schema.Maximum = Invariant(range.Maximum);
                    break;
                case RangeAttribute range when range.OperandType == typeof(DateOnly):
                    schema.Description = Append(schema.Description, $"Between {range.Minimum} and {range.Maximum}.");
                    break;
                default:
                    break;
            }
        }
    }

    private static bool IsNumeric(Type type) =>
        type == typeof(int) || type == typeof(long) || type == typeof(double) || type == typeof(decimal) || type == typeof(float);

    private static string? Invariant(object? value) => Convert.ToString(value, CultureInfo.InvariantCulture);

    private static string Append(string? description, string sentence) =>
        string.IsNullOrEmpty(description) ? sentence : description.Contains(sentence, StringComparison.Ordinal) ? description : $"{description} {sentence}";
}
