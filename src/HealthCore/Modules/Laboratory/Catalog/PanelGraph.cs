namespace HealthCore.Modules.Laboratory;

/// <summary>The panels of a catalogue and their members: checks members exist and panels never contain themselves, and expands panels into tests.</summary>
internal sealed class PanelGraph
{
    private readonly Dictionary<string, (LabTestKind Kind, string[] Members)> nodes;

    private PanelGraph(Dictionary<string, (LabTestKind Kind, string[] Members)> nodes) => this.nodes = nodes;

    public static PanelGraph Of(IEnumerable<LabTest> tests) =>
        new(tests.ToDictionary(t => t.Code, t => (t.Kind, t.Members), StringComparer.Ordinal));

    /// <summary>Puts a definition in (replacing the one with its code), as it will be once saved.</summary>
    public void Set(string code, LabTestKind kind, string[] members) => nodes[code] = (kind, members);

    /// <summary>Every member of the changed panels must be in the catalogue, and no panel may reach itself through its members.</summary>
    public void Check(IEnumerable<(string Code, string Prefix)> changedPanels, FieldErrorList errors)
    {
        foreach (var (code, prefix) in changedPanels)
        {
            var members = nodes[code].Members;
            for (var i = 0; i < members.Length; i++)
            {
                if (!nodes.ContainsKey(members[i]))
                {
                    errors.Add($"{prefix}members[{i}]", $"There is no test '{members[i]}' in the catalogue: define it first (or in the same import).");
                }
            }

            if (PathBack(code, code, []) is { } cycle)
            {
                errors.Add($"{prefix}members", $"Panels cannot contain themselves: {string.Join(" → ", cycle.Prepend(code))}.");
            }
        }
    }

    /// <summary>The tests a panel stands for, nested panels expanded, in member order without repeats; a test stands for itself.</summary>
    public IReadOnlyList<string> Expand(string code)
    {
        var tests = new List<string>();
        Walk(code, [], tests);
        return tests;
    }

    private void Walk(string code, HashSet<string> seen, List<string> tests)
    {
        if (!seen.Add(code) || !nodes.TryGetValue(code, out var node))
        {
            return;
        }

        if (node.Kind == LabTestKind.Test)
        {
            tests.Add(code);
            return;
        }

        foreach (var member in node.Members)
        {
            Walk(member, seen, tests);
        }
    }

    private List<string>? PathBack(string from, string target, HashSet<string> visited)
    {
        if (!visited.Add(from) || !nodes.TryGetValue(from, out var node))
        {
            return null;
        }

        foreach (var member in node.Members)
        {
            if (member == target)
            {
                return [member];
            }

            if (PathBack(member, target, visited) is { } path)
            {
                path.Insert(0, member);
                return path;
            }
        }

        return null;
    }
}
