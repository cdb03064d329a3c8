using HealthCore.Platform.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace HealthCore.Modules.Clinical;

internal static class VitalsProblems
{
    public static ConflictProblem EncounterEnded(Encounter encounter) =>
        new($"The encounter is {QueryEnum.Name(encounter.Status)}.",
            "Vitals are recorded on an encounter that has not ended; record them on the patient, or correct a set recorded while it was open.",
            new Dictionary<string, object?> { ["rule"] = "encounter-ended", ["currentStatus"] = QueryEnum.Name(encounter.Status) });

    public static ConflictProblem NotFinal(VitalsObservation vitals) =>
        new($"The vitals set is {QueryEnum.Name(vitals.Status)}.",
            "Only a final set can be corrected or marked entered in error; its values are never changed.",
            new Dictionary<string, object?> { ["rule"] = "vitals-not-final", ["currentStatus"] = QueryEnum.Name(vitals.Status), ["supersededBy"] = vitals.SupersededBy });

    public static ConflictProblem ChangedConcurrently() =>
        new("The vitals set was changed at the same time.", "Another request corrected it or marked it entered in error first; read it again.",
            new Dictionary<string, object?> { ["rule"] = "concurrent-change" });

    public static ValidationProblem Empty() => FieldErrors.Invalid("vitals", "A vitals set needs at least one value.");

    public static ValidationProblem EncounterFromRoute() =>
        FieldErrors.Invalid("encounterId", "The encounter is the route's (or the corrected set's); leave encounterId out.");
}
