namespace HealthCore.Modules.Clinical;

/// <summary>
/// The shipped form definitions. A published version is never changed: a changed form is a new version added next to
/// it, so answers already given stay valid against the version they were given with.
/// </summary>
internal static class FormDefinitions
{
    public static IReadOnlyList<FormDefinition> All { get; } = [NursingAdmissionForm.Version1, RadiologyPreprocedureForm.Version1];

    public static FormDefinition? Find(string key, int version) => FormCatalog.Shipped.Find(key, version);

    public static FormDefinition? Latest(string key) => FormCatalog.Shipped.Latest(key);

    internal static FormChoice[] NoYes(int yesPoints = 0) => [new("no", "No"), new("yes", "Yes", yesPoints)];
}
