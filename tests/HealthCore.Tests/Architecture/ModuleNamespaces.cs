namespace HealthCore.Tests.Architecture;

/// <summary>
/// Reads module membership off namespaces under a root (HealthCore.Modules in the service): Root.X and Root.X.* belong
/// to module X, and Root.X.Contracts(.*) is X's public surface.
/// </summary>
internal sealed class ModuleNamespaces(string root)
{
    public const string ServiceRoot = "HealthCore.Modules";

    public string Root { get; } = root;

    /// <summary>The module a type belongs to, or null outside the modules (the platform, Program, generated code).</summary>
    public string? ModuleOf(Type type)
    {
        var ns = type.Namespace;
        if (ns is null || !ns.StartsWith(Root + ".", StringComparison.Ordinal))
        {
            return null;
        }

        var rest = ns[(Root.Length + 1)..];
        var end = rest.IndexOf('.', StringComparison.Ordinal);
        return end < 0 ? rest : rest[..end];
    }

    public bool IsContracts(Type type)
    {
        if (ModuleOf(type) is not { } module)
        {
            return false;
        }

        var contracts = $"{Root}.{module}.Contracts";
        return type.Namespace == contracts || type.Namespace!.StartsWith(contracts + ".", StringComparison.Ordinal);
    }
}
