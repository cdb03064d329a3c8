namespace HealthCore.Modules.Clinical;

/// <summary>
/// The forms assessments are recorded with, as a service so a form's versions are looked up in one place (the shipped
/// <see cref="FormDefinitions"/>; a test adds versions of its own to prove that answers stay pinned to theirs).
/// </summary>
internal sealed class FormCatalog(IReadOnlyList<FormDefinition> forms)
{
    public static FormCatalog Shipped { get; } = new(FormDefinitions.All);

    public IReadOnlyList<FormDefinition> All => forms;

    public FormDefinition? Find(string key, int version) => forms.FirstOrDefault(form => form.Key == key && form.Version == version);

    public FormDefinition? Latest(string key) => forms.Where(form => form.Key == key).MaxBy(form => form.Version);

    public bool IsKnown(string key) => forms.Any(form => form.Key == key);

    public string Versions(string key) => string.Join(", ", forms.Where(form => form.Key == key).Select(form => form.Version).Order());

    public string Keys => string.Join(", ", forms.Select(form => form.Key).Distinct());
}
