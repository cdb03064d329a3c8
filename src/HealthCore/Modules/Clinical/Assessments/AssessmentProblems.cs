using HealthCore.Platform.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace HealthCore.Modules.Clinical;

internal static class AssessmentProblems
{
    public static ConflictProblem EncounterVoid(Encounter encounter) =>
        new($"The encounter is {QueryEnum.Name(encounter.Status)}.",
            "Assessments are recorded on an encounter that took place; a cancelled one or one entered in error takes none.",
            new Dictionary<string, object?> { ["rule"] = "encounter-void", ["currentStatus"] = QueryEnum.Name(encounter.Status) });

    public static ConflictProblem NotCompleted(Assessment assessment) =>
        new($"The assessment is {QueryEnum.Name(assessment.Status)}.",
            "Only a completed assessment can be corrected or marked entered in error; its answers are never changed.",
            new Dictionary<string, object?>
            {
                ["rule"] = "assessment-not-completed", ["currentStatus"] = QueryEnum.Name(assessment.Status), ["supersededBy"] = assessment.SupersededBy,
            });

    public static ConflictProblem ChangedConcurrently() =>
        new("The assessment was changed at the same time.", "Another request corrected it or marked it entered in error first; read it again.",
            new Dictionary<string, object?> { ["rule"] = "concurrent-change" });

    public static ValidationProblem UnknownForm(string key, FormCatalog forms) =>
        FieldErrors.Invalid("formKey", $"No assessment form '{key}'; use one of: {forms.Keys}.");

    public static ValidationProblem UnknownVersion(string key, int version, FormCatalog forms) =>
        FieldErrors.Invalid("formVersion", $"Form {key} has no version {version}; use one of: {forms.Versions(key)}.");
}
