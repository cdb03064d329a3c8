using HealthCore.Modules.Clinical;

namespace HealthCore.Tests.Modules.Clinical;

/// <summary>
/// A form with two versions, known only to the test app: version 2 narrows nothing but requires a reason and lets the
/// score go to 5, so answers that are right for one version are wrong for the other.
/// </summary>
internal static class PinnedForm
{
    public const string Key = "test.pinned";

    public static readonly FormDefinition Version1 = new(Key, 1, "Pinned form", [new("score", "Score", FormFieldType.Integer, Required: true, Min: 0, Max: 3)], []);

    public static readonly FormDefinition Version2 = new(Key, 2, "Pinned form, with a reason",
        [new("score", "Score", FormFieldType.Integer, Required: true, Min: 0, Max: 5), new("reason", "Reason", FormFieldType.Text, Required: true, MaxLength: 100)], []);

    public static IReadOnlyList<FormDefinition> Versions { get; } = [Version1, Version2];
}
