using HealthCore.Platform.Http;

namespace HealthCore.Modules.Clinical;

internal static class DiagnosisProblems
{
    public static ConflictProblem SecondPrimary(Guid encounterId) =>
        new("The encounter already has a primary diagnosis.",
            $"Encounter {encounterId} has a primary diagnosis that stands; record this one as secondary, or first make the other secondary, refuted or entered in error.",
            new Dictionary<string, object?> { ["rule"] = "one-primary-diagnosis" });

    public static ConflictProblem EncounterVoid(Encounter encounter) =>
        new($"The encounter is {QueryEnum.Name(encounter.Status)}.",
            "A cancelled encounter or one entered in error takes no diagnoses.",
            new Dictionary<string, object?> { ["rule"] = "encounter-takes-no-diagnoses", ["currentStatus"] = QueryEnum.Name(encounter.Status) });

    public static ConflictProblem EnteredInError() =>
        new("The diagnosis is entered in error.", "A diagnosis entered in error stays as it is; record a new one instead.",
            new Dictionary<string, object?> { ["rule"] = "diagnosis-entered-in-error" });
}
