namespace HealthCore.Tests.Architecture;

/// <summary>Nothing is public except the allowed types and the modules' Contracts namespaces.</summary>
internal static class PublicSurface
{
    public static IReadOnlyList<Type> Violations(IEnumerable<Type> types, ModuleNamespaces modules, params Type[] allowed) =>
        [.. types.Where(type => type.IsVisible && !allowed.Contains(type) && !modules.IsContracts(type)).OrderBy(type => type.FullName)];
}
