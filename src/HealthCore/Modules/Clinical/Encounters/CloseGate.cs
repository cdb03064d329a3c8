using System.Text.Json;
using HealthCore.Modules.Practitioners.Contracts;

namespace HealthCore.Modules.Clinical;

/// <summary>
/// One requirement a department can name in <c>encounter.close.requires</c> (e.g. <c>diagnosis</c>, <c>vitals</c>,
/// <c>note.signed</c>): the part of the clinical record that owns the data implements it and registers it in
/// AddClinical, so the gate learns new requirements without changing.
/// </summary>
internal interface IEncounterCloseRequirement
{
    /// <summary>The name departments use in the rule.</summary>
    string Key { get; }

    /// <summary>Why the encounter does not meet the requirement yet, or null when it does.</summary>
    Task<string?> UnmetAsync(Encounter encounter, CancellationToken cancellationToken);
}

internal sealed record UnmetRequirement(string Requirement, string Reason);

internal sealed record CloseCheck(IReadOnlyList<UnmetRequirement> Unmet, bool OverrideAllowed);

/// <summary>
/// The department's close rules, as they stand when the encounter closes: <c>encounter.close.requires</c>, a JSON array
/// of requirement names, and <c>encounter.close.allow-override</c>, JSON <c>true</c> to let a Doctor close with a reason
/// although some are unmet. A name no requirement implements counts as unmet (the gate fails closed), as does a
/// malformed rule.
/// </summary>
internal sealed class CloseGate(IDepartmentRules rules, IEnumerable<IEncounterCloseRequirement> requirements)
{
    public const string RequiresRule = "encounter.close.requires";
    public const string AllowOverrideRule = "encounter.close.allow-override";

    public async Task<CloseCheck> CheckAsync(Encounter encounter, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var required = await rules.FindAsync(encounter.DepartmentId, RequiresRule, at, cancellationToken);
        var allowOverride = await rules.FindAsync(encounter.DepartmentId, AllowOverrideRule, at, cancellationToken);
        var overrideAllowed = allowOverride?.Value.ValueKind == JsonValueKind.True;
        if (required is null)
        {
            return new CloseCheck([], overrideAllowed);
        }

        if (Names(required.Value) is not { } names)
        {
            return new CloseCheck(
                [new UnmetRequirement(RequiresRule, $"The department's {RequiresRule} rule is not a JSON array of requirement names; correct the rule.")],
                overrideAllowed);
        }

        var unmet = new List<UnmetRequirement>();
        foreach (var name in names)
        {
            var requirement = requirements.FirstOrDefault(r => r.Key == name);
            var reason = requirement is null
                ? $"'{name}' cannot be checked: no part of the clinical record records it yet, so it cannot be shown to be met."
                : await requirement.UnmetAsync(encounter, cancellationToken);
            if (reason is not null)
            {
                unmet.Add(new UnmetRequirement(name, reason));
            }
        }

        return new CloseCheck(unmet, overrideAllowed);
    }

    private static List<string>? Names(JsonElement value) =>
        value.ValueKind == JsonValueKind.Array && value.EnumerateArray().All(n => n.ValueKind == JsonValueKind.String && n.GetString()!.Length > 0)
            ? [.. value.EnumerateArray().Select(n => n.GetString()!).Distinct(StringComparer.Ordinal)]
            : null;
}

/// <summary><c>participant.attender</c>: someone attended the patient (a participant in the attender role).</summary>
internal sealed class AttenderRequirement : IEncounterCloseRequirement
{
    public string Key => "participant.attender";

    public Task<string?> UnmetAsync(Encounter encounter, CancellationToken cancellationToken) =>
        Task.FromResult(encounter.Participants.Any(p => p.Role == ParticipantRole.Attender)
            ? null
            : "The encounter has no attending practitioner (a participant with the role attender).");
}
