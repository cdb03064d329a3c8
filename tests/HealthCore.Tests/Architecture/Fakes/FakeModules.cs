namespace HealthCore.Tests.Architecture.Fakes;

/// <summary>Two tiny fake modules (Admissions and Beds) in this assembly, for proving that the architecture checks can fail.</summary>
internal static class FakeModules
{
    public static readonly ModuleNamespaces Namespaces = new("HealthCore.Tests.Architecture.Fakes.Modules");

    public static readonly Type[] Types = [.. typeof(FakeModules).Assembly.GetTypes().Where(type => Namespaces.ModuleOf(type) is not null)];
}
