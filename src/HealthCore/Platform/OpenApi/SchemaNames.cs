using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.OpenApi;

namespace HealthCore.Platform.OpenApi;

/// <summary>
/// Component schema names, unique per CLR type: a type whose name another module's type also has is prefixed with
/// its module (PatientsHumanName, PractitionersHumanName), so one schema never stands for two shapes.
/// </summary>
internal static class SchemaNames
{
    private const string ModulesNamespace = "HealthCore.Modules.";

    private static readonly HashSet<string> SharedNames = typeof(SchemaNames).Assembly.GetTypes()
        .Where(type => type.Namespace?.StartsWith(ModulesNamespace, StringComparison.Ordinal) == true && !type.IsNested)
        .GroupBy(type => type.Name, StringComparer.Ordinal)
        .Where(group => group.Count() > 1)
        .Select(group => group.Key)
        .ToHashSet(StringComparer.Ordinal);

    public static string? For(JsonTypeInfo typeInfo)
    {
        var name = OpenApiOptions.CreateDefaultSchemaReferenceId(typeInfo);
        var type = typeInfo.Type;
        if (name is null || name != type.Name || !SharedNames.Contains(name) || type.Namespace is not { } space
            || !space.StartsWith(ModulesNamespace, StringComparison.Ordinal))
        {
            return name;
        }

        return space[ModulesNamespace.Length..].Split('.')[0] + name;
    }
}
