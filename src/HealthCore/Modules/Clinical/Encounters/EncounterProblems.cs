using HealthCore.Platform.Http;

namespace HealthCore.Modules.Clinical;

internal static class EncounterProblems
{
    /// <summary>409 for an action the encounter's current status does not allow, naming that status and the ones that would.</summary>
    public static ConflictProblem IllegalTransition(Encounter encounter, EncounterAction action)
    {
        var current = QueryEnum.Name(encounter.Status);
        var allowed = EncounterTransitions.Of(action).From.Select(QueryEnum.Name).ToArray();
        return new ConflictProblem(
            $"The encounter is {current}.",
            $"{Verb(action)} is possible only when the encounter is {string.Join(" or ", allowed)}; it is {current}.",
            new Dictionary<string, object?> { ["rule"] = "illegal-encounter-transition", ["currentStatus"] = current, ["allowedFrom"] = allowed });
    }

    public static ConflictProblem ChangedConcurrently() =>
        new("The encounter was changed at the same time.", "Another request changed the encounter first; read it again and retry.",
            new Dictionary<string, object?> { ["rule"] = "concurrent-change" });

    public static ConflictProblem AlreadyOpened(string source, Guid sourceId, Guid encounterId) =>
        new($"The {source} already has an encounter.", $"Encounter {encounterId} is the visit for {source} {sourceId}; one {source} has one encounter.",
            new Dictionary<string, object?> { ["rule"] = $"{source}-has-encounter", ["encounterId"] = encounterId });

    private static string Verb(EncounterAction action) => action switch
    {
        EncounterAction.Arrive => "Recording the arrival",
        EncounterAction.Triage => "Triaging",
        EncounterAction.StartConsultation => "Starting the consultation",
        EncounterAction.Close => "Closing",
        EncounterAction.Cancel => "Cancelling",
        _ => "Marking it entered in error",
    };
}
