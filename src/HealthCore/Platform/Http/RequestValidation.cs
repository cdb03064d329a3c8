using System.Collections;
using System.Collections.Concurrent;
using System.ComponentModel.DataAnnotations;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace HealthCore.Platform.Http;

/// <summary>
/// Validates DataAnnotations on every request object an endpoint receives (bodies and [AsParameters] records,
/// nested objects and lists included) and answers 400 with errors keyed by JSON path, e.g. "name.given[1]".
/// Attributes may sit on record constructor parameters or on properties. Built in-house because .NET 10's
/// AddValidation() keys errors by C# member path ("Name.Family"), not the JSON path the client sent (docs/architecture.md).
/// </summary>
internal static class RequestValidation
{
    private static readonly ConcurrentDictionary<Type, ValidatedMember[]> Members = new();

    public static TBuilder WithRequestValidation<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilterFactory((context, next) =>
        {
            // Services (a module's DbContext above all) are not request input: walking a DbContext's DbSets would run
            // a tracked query over every table before the handler starts.
            var services = context.ApplicationServices.GetService<IServiceProviderIsService>();
            var validated = context.MethodInfo.GetParameters()
                .Select((parameter, index) => (parameter.ParameterType, index))
                .Where(p => services?.IsService(p.ParameterType) != true && IsValidatable(p.ParameterType))
                .Select(p => p.index)
                .ToArray();
            if (validated.Length == 0)
            {
                return next;
            }

            return async invocation =>
            {
                var errors = new Dictionary<string, List<string>>(StringComparer.Ordinal);
                foreach (var index in validated)
                {
                    Validate(invocation.Arguments[index], prefix: "", errors, depth: 0);
                }

                return errors.Count == 0
                    ? await next(invocation)
                    : FieldErrors.Invalid(errors.ToDictionary(e => e.Key, e => e.Value.ToArray()));
            };
        });

    public static IDictionary<string, string[]> ValidateObject(object instance)
    {
        var errors = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        Validate(instance, "", errors, 0);
        return errors.ToDictionary(e => e.Key, e => e.Value.ToArray());
    }

    private static void Validate(object? instance, string prefix, Dictionary<string, List<string>> errors, int depth)
    {
        if (instance is null || depth > 16)
        {
            return;
        }

        foreach (var member in MembersOf(instance.GetType()))
        {
            var value = member.Property.GetValue(instance);
            var path = Join(prefix, member.JsonName);
            var context = new ValidationContext(instance) { MemberName = member.Property.Name, DisplayName = member.JsonName };
            foreach (var attribute in member.Attributes)
            {
                if (attribute.GetValidationResult(value, context) is { } failure && failure != ValidationResult.Success)
                {
                    Add(errors, path, failure.ErrorMessage ?? $"{member.JsonName} is invalid.");
                }
            }

            if (value is string or null)
            {
                continue;
            }

            if (value is IEnumerable items and not IQueryable && IsComplex(ElementType(member.Property.PropertyType)))
            {
                var i = 0;
                foreach (var item in items)
                {
                    Validate(item, $"{path}[{i++}]", errors, depth + 1);
                }
            }
            else if (IsComplex(value.GetType()))
            {
                Validate(value, path, errors, depth + 1);
            }
        }

        if (instance is IValidatableObject self)
        {
            foreach (var failure in self.Validate(new ValidationContext(instance)))
            {
                var names = failure.MemberNames.DefaultIfEmpty("");
                foreach (var name in names)
                {
                    var key = string.IsNullOrEmpty(name) ? (prefix.Length == 0 ? "$" : prefix) : Join(prefix, JsonNamingPolicy.CamelCase.ConvertName(name));
                    Add(errors, key, failure.ErrorMessage ?? "The value is invalid.");
                }
            }
        }
    }

    private static bool IsValidatable(Type type) =>
        IsComplex(type) && (typeof(IValidatableObject).IsAssignableFrom(type) || MembersOf(type).Length > 0);

    private static ValidatedMember[] MembersOf(Type type) => Members.GetOrAdd(type, Discover);

    private static ValidatedMember[] Discover(Type type)
    {
        if (!IsComplex(type))
        {
            return [];
        }

        var constructorParameters = type.GetConstructors()
            .SelectMany(c => c.GetParameters())
            .Where(p => p.Name is not null)
            .GroupBy(p => p.Name!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);

        return type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetIndexParameters().Length == 0 && p.CanRead)
            .Select(property =>
            {
                var attributes = property.GetCustomAttributes<ValidationAttribute>(inherit: true)
                    .Concat(constructorParameters.TryGetValue(property.Name, out var parameter)
                        ? parameter.GetCustomAttributes<ValidationAttribute>()
                        : [])
                    .ToArray();
                var jsonName = property.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name
                    ?? JsonNamingPolicy.CamelCase.ConvertName(property.Name);
                var nested = IsComplex(property.PropertyType) || IsComplex(ElementType(property.PropertyType));
                return new ValidatedMember(property, jsonName, attributes, nested);
            })
            .Where(m => m.Attributes.Length > 0 || m.HasNestedRules)
            .ToArray();
    }

    private static bool IsComplex(Type? type)
    {
        if (type is null)
        {
            return false;
        }

        type = Nullable.GetUnderlyingType(type) ?? type;
        return type.IsClass
            && type != typeof(string)
            && !typeof(IEnumerable).IsAssignableFrom(type)
            && type.Namespace?.StartsWith("HealthCore", StringComparison.Ordinal) == true;
    }

    // Never a query's element type: enumerating an IQueryable would execute it.
    private static Type? ElementType(Type type) =>
        typeof(IQueryable).IsAssignableFrom(type) ? null
        : type.IsArray ? type.GetElementType()
        : type.IsGenericType && typeof(IEnumerable).IsAssignableFrom(type) ? type.GetGenericArguments()[^1]
        : null;

    private static string Join(string prefix, string name) => prefix.Length == 0 ? name : $"{prefix}.{name}";

    private static void Add(Dictionary<string, List<string>> errors, string key, string message)
    {
        if (!errors.TryGetValue(key, out var list))
        {
            errors[key] = list = [];
        }

        list.Add(message);
    }

    private sealed record ValidatedMember(PropertyInfo Property, string JsonName, ValidationAttribute[] Attributes, bool HasNestedRules);
}
