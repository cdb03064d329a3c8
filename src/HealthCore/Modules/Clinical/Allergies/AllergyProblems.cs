using HealthCore.Platform.Http;

namespace HealthCore.Modules.Clinical;

internal static class AllergyProblems
{
    public static ConflictProblem AlreadyRecorded(ClinicalCode substance) =>
        new("The patient already has this allergy.",
            $"An active allergy to {substance.System}|{substance.Code} stands; update it instead, or first make it inactive, resolved, refuted or entered in error.",
            new Dictionary<string, object?> { ["rule"] = "one-active-allergy-per-substance" });

    public static ConflictProblem ContradictsNoKnownAllergies(bool recordingNoKnownAllergies) =>
        recordingNoKnownAllergies
            ? new("The patient has active allergies.",
                "\"No known allergies\" contradicts the patient's active allergies; make them inactive, resolved, refuted or entered in error first.",
                new Dictionary<string, object?> { ["rule"] = "no-known-allergies-contradicted" })
            : new("The patient is recorded with no known allergies.",
                "Make the \"no known allergies\" record inactive or entered in error before recording an allergy.",
                new Dictionary<string, object?> { ["rule"] = "no-known-allergies-contradicted" });

    public static ConflictProblem EnteredInError() =>
        new("The allergy is entered in error.", "An allergy entered in error stays as it is; record a new one instead.",
            new Dictionary<string, object?> { ["rule"] = "allergy-entered-in-error" });
}
